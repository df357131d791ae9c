//! Built-in settings for the edge service.

pub const REGION: &str = "eu-west-1";
pub const WORKERS: usize = 4;
pub fn discord_token() -> String { std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN not set") }
