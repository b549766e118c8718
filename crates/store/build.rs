//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! files at compile time but cannot ask Cargo to watch the directories itself.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
