//! Fingerprints of sent messages on both engines: registered once, the latest sending
//! wins, found only until they expire, refused in batches over the limit.

use store::sent::{MAX_FINGERPRINTS, SentFingerprint, SentKind};

use crate::TestDb;

both_engines!(sent_fingerprints_are_found_until_they_expire);

fn fp(n: u8, kind: SentKind, sent_at: i64, channel: &str) -> SentFingerprint {
    SentFingerprint {
        fingerprint: [n; 16],
        key_id: 1,
        kind,
        channel: channel.into(),
        sent_at,
        expires_at: sent_at + 1_000,
    }
}

async fn sent_fingerprints_are_found_until_they_expire(db: TestDb) {
    let store = db.open().await;
    let sent = store.sent();
    let batch = [
        fp(1, SentKind::Text, 100, "sms"),
        fp(2, SentKind::Link, 100, "sms"),
        // The same message twice in one batch: the later sending wins.
        fp(1, SentKind::Text, 150, "email"),
    ];
    assert_eq!(sent.register_sent(&batch).await.unwrap(), 2);
    // Sent again later: not new, and the latest sending and expiry are kept.
    assert_eq!(
        sent.register_sent(&[fp(2, SentKind::Link, 400, "app")])
            .await
            .unwrap(),
        0
    );
    // An older copy arriving late does not move them back.
    sent.register_sent(&[fp(2, SentKind::Link, 120, "sms")])
        .await
        .unwrap();
    let mut found = sent
        .find_sent(&[[1; 16], [2; 16], [3; 16]], 200)
        .await
        .unwrap();
    found.sort_by_key(|f| f.fingerprint);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].sent_at, found[0].channel.as_str()),
        (150, "email")
    );
    assert_eq!(found[0].kind, SentKind::Text);
    assert_eq!((found[1].sent_at, found[1].channel.as_str()), (400, "app"));
    assert_eq!(found[1].expires_at, 1_400);

    // After the first expiry only the second is found, and expiring removes the first.
    let found = sent.find_sent(&[[1; 16], [2; 16]], 1_200).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(sent.expire_sent(1_200).await.unwrap(), 1);
    assert_eq!(sent.expire_sent(1_200).await.unwrap(), 0);

    // Limits and validation.
    let many: Vec<[u8; 16]> = (0..=MAX_FINGERPRINTS).map(|_| [9; 16]).collect();
    assert!(sent.find_sent(&many, 0).await.is_err());
    assert!(
        sent.register_sent(&[fp(4, SentKind::Text, 1, "")])
            .await
            .is_err()
    );
    // Many at once (several statements per engine).
    let rows: Vec<SentFingerprint> = (0..3_000u32)
        .map(|i| {
            let mut f = fp(0, SentKind::Text, 2_000, "sms");
            f.fingerprint[..4].copy_from_slice(&i.to_be_bytes());
            f.fingerprint[15] = 0xAA;
            f
        })
        .collect();
    assert_eq!(sent.register_sent(&rows).await.unwrap(), 3_000);
    let keys: Vec<[u8; 16]> = rows.iter().map(|r| r.fingerprint).collect();
    assert_eq!(sent.find_sent(&keys, 2_001).await.unwrap().len(), 3_000);
}
