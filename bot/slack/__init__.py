"""The Slack adapter: Bolt listeners that turn Slack requests into engine turns and the
engine's replies into Block Kit (see docs/slack.md)."""
