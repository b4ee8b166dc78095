"""The Slack adapter: Slack requests in, engine turns; engine replies out, Block Kit."""
