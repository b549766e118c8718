//! Pseudonyms with key ids (issue 10): each stored pseudonym carries the id of the
//! key that made it, and a person is found again under any key of the ring; meta
//! secrets can be deleted.

use reports::Policy;
use store::reports::{NewReport, ReportedIndicator};

use crate::TestDb;

both_engines!(
    pseudonyms_carry_their_key_id_and_are_found_under_any_key,
    meta_can_be_deleted,
);

const POLICY: Policy = Policy {
    threshold: 3,
    suspected_ttl: 1_000,
    confirmed_ttl: 10_000,
    window: 1_000_000,
};

fn report(reference: &str, reporter: [u8; 32], key: u16) -> NewReport {
    NewReport {
        reference: reference.into(),
        received_at: 1_750_000_000,
        reporter,
        reporter_key: key,
        indicators: vec![ReportedIndicator {
            key: "domain:evil.example".into(),
            official: false,
            votes: true,
        }],
        text: None,
        channel: None,
        region: None,
        loss_amount: None,
        loss_asset: None,
        occurred_at: None,
        contact: None,
    }
}

async fn pseudonyms_carry_their_key_id_and_are_found_under_any_key(db: TestDb) {
    let store = db.open().await;
    // Reporter [1] under key 1, reporter [2] under key 2.
    store
        .reports()
        .insert_reports(
            &[report("R1", [1; 32], 1), report("R2", [2; 32], 2)],
            &POLICY,
        )
        .await
        .unwrap();
    assert_eq!(
        db.scalar("SELECT CAST(reporter_key AS BIGINT) FROM reports WHERE reference = 'R2'")
            .await,
        2
    );
    assert_eq!(
        db.scalar("SELECT count(*) FROM group_reporters WHERE reporter_key = 2")
            .await,
        1
    );
    let r = store.reports();
    assert_eq!(
        r.known_reporter(&[[9; 32], [1; 32]]).await.unwrap(),
        Some(1)
    );
    assert_eq!(
        r.known_reporter(&[[2; 32], [1; 32]]).await.unwrap(),
        Some(0)
    );
    assert_eq!(r.known_reporter(&[[9; 32]]).await.unwrap(), None);

    // A user screened under key 3, another who only reported a scam under key 2.
    let mut s = crate::screening("scr_1", 5, 1_750_000_000, None);
    s.user_key = 3;
    store.campaigns().record_screening(&s).await.unwrap();
    store
        .campaigns()
        .link_scam_report(&[6; 32], 2, 1_750_000_000)
        .await
        .unwrap();
    assert_eq!(
        db.scalar("SELECT CAST(user_key AS BIGINT) FROM screenings WHERE id = 'scr_1'")
            .await,
        3
    );
    assert_eq!(
        db.scalar("SELECT CAST(user_key AS BIGINT) FROM user_scam_reports")
            .await,
        2
    );
    let c = store.campaigns();
    assert_eq!(c.known_user(&[[9; 32], [5; 32]]).await.unwrap(), Some(1));
    assert_eq!(c.known_user(&[[6; 32]]).await.unwrap(), Some(0));
    assert_eq!(c.known_user(&[[9; 32], [8; 32]]).await.unwrap(), None);
    store.close().await;
}

async fn meta_can_be_deleted(db: TestDb) {
    let store = db.open().await;
    store.set_meta("pseudonym_key", "00ff").await.unwrap();
    assert!(store.delete_meta("pseudonym_key").await.unwrap());
    assert!(!store.delete_meta("pseudonym_key").await.unwrap());
    assert_eq!(store.get_meta("pseudonym_key").await.unwrap(), None);
    store.close().await;
}
