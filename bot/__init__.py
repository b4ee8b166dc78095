"""billing-bot: Slack and terminal adapters over a transport-free dialogue engine."""
