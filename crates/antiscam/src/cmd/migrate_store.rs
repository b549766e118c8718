//! `antiscam migrate-store`: moves an installation from SQLite to PostgreSQL with
//! nothing lost (see `service::install` and docs/DEPLOYMENT.md).

use anyhow::Context;

use crate::data::redact;

/// Copy a SQLite installation into a new PostgreSQL database.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The SQLite database to copy: `sqlite:PATH` (it must exist).
    #[arg(long, value_name = "sqlite:PATH")]
    from: String,
    /// The PostgreSQL database to fill: `postgres://…` (it must hold no data).
    #[arg(long, value_name = "postgres://…")]
    to: String,
}

/// Runs `antiscam migrate-store`.
pub fn run(args: Args) -> anyhow::Result<()> {
    let rt = super::runtime()?;
    let copied = rt
        .block_on(service::migrate_store(&args.from, &args.to, &mut |t| {
            eprintln!("antiscam: {:<20} {:>10} rows", t.table, t.rows)
        }))
        .with_context(|| {
            format!(
                "cannot migrate {} to {} (nothing was committed)",
                args.from,
                redact(&args.to)
            )
        })?;
    let rows: u64 = copied.iter().map(|t| t.rows).sum();
    println!(
        "copied {rows} rows in {} tables; every table's row count and checksum match",
        copied.len()
    );
    for t in &copied {
        println!("{}\t{}\t{}", t.table, t.rows, t.checksum);
    }
    println!(
        "next: keep the key file (the pseudonymization keys are not in the database) and \
         start the nodes with --database {}",
        redact(&args.to)
    );
    Ok(())
}
