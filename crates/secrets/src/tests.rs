#![allow(clippy::unwrap_used)]

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "antiscam-secrets-{}-{name}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_new_key_file_is_private_and_reads_back_the_same() {
    let dir = scratch("new");
    let path = dir.join(DEFAULT_FILE_NAME);
    let (secrets, new) = Secrets::load_or_generate(&path, 100).unwrap();
    assert!(new);
    assert!(!path.exists(), "nothing is written before save");
    secrets.save().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let (again, new) = Secrets::load_or_generate(&path, 200).unwrap();
    assert!(!new);
    for p in Purpose::ALL {
        assert_eq!(
            again.ring(p).current().secret(),
            secrets.ring(p).current().secret()
        );
        assert_eq!(again.ring(p).current().id(), 1);
        assert_eq!(again.ring(p).current().created_at(), 100);
    }
    // Three distinct keys.
    assert_ne!(
        secrets.ring(Purpose::Reporter).current().secret(),
        secrets.ring(Purpose::User).current().secret()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("readable");
    let path = dir.join(DEFAULT_FILE_NAME);
    Secrets::load_or_generate(&path, 1)
        .unwrap()
        .0
        .save()
        .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let e = Secrets::load(&path, 1).unwrap_err();
    assert!(
        matches!(e, SecretsError::NotPrivate { mode: 0o644, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("chmod 600"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rotation_retires_the_old_key_and_keeps_it() {
    let dir = scratch("rotate");
    let path = dir.join(DEFAULT_FILE_NAME);
    let (mut secrets, _) = Secrets::load_or_generate(&path, 1).unwrap();
    let old = *secrets.ring(Purpose::User).current().secret();
    let new = *secrets.rotate(Purpose::User, 50).unwrap().secret();
    assert_ne!(old, new);
    secrets.save().unwrap();
    let loaded = Secrets::load(&path, 60).unwrap();
    let ring = loaded.ring(Purpose::User);
    assert_eq!(ring.current().id(), 2);
    assert_eq!(ring.current().secret(), &new);
    let retired: Vec<&Key> = ring.retired().collect();
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].id(), 1);
    assert_eq!(retired[0].secret(), &old);
    assert_eq!(retired[0].retired_at(), Some(50));
    let order: Vec<u16> = ring.lookup_order().map(Key::id).collect();
    assert_eq!(order, vec![2, 1]);
    // Other rings are untouched.
    assert_eq!(loaded.ring(Purpose::Reporter).keys().len(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn debug_never_shows_a_secret() {
    let s = Secrets::from_keys([0xab; 32], [0xcd; 32], [0xef; 32]);
    let shown = format!("{s:?} {:?}", s.ring(Purpose::Reporter).current());
    assert!(!shown.contains("abab") && !shown.contains("cdcd") && !shown.contains("efef"));
    assert!(!shown.contains("171"), "{shown}");
    assert!(shown.contains("redacted"));
}

#[test]
fn invalid_files_are_refused_without_quoting_secrets() {
    let secret = "ab".repeat(32);
    for (text, want) in [
        (
            format!("[[user]]\nid = 1\nkey = \"{secret}00\"\ncreated_at = 1\n"),
            "not 32 bytes",
        ),
        (
            format!("[[user]]\nid = 1\nkey = \"zz{secret}\"\ncreated_at = 1\n"),
            "not hex",
        ),
        (
            format!(
                "[[user]]\nid = 1\nkey = \"{secret}\"\ncreated_at = 1\n\
                 [[user]]\nid = 1\nkey = \"{secret}\"\ncreated_at = 1\n"
            ),
            "distinct",
        ),
        (
            format!("[[user]]\nid = 1\nkey = \"{secret}\"\ncreated_at = 1\nretired_at = 2\n"),
            "exactly one",
        ),
        (
            format!("[[user]]\nid = 1\nkey = \"{secret}\"\nsecret = 1\n"),
            "not a valid",
        ),
    ] {
        let e = Secrets::from_toml(&text, Origin::Environment, 1).unwrap_err();
        let message = e.to_string();
        assert!(message.contains(want), "{message}");
        assert!(!message.contains(&secret), "{message}");
        assert!(message.contains(ENV_VAR), "{message}");
    }
}

#[test]
fn secrets_from_the_environment_cannot_be_rotated() {
    let text = Secrets::generate(1).unwrap().to_toml();
    let mut s = Secrets::from_toml(&text, Origin::Environment, 1).unwrap();
    assert!(matches!(
        s.rotate(Purpose::Signing, 2),
        Err(SecretsError::FromEnvironment)
    ));
    assert!(matches!(s.save(), Err(SecretsError::FromEnvironment)));
}

#[test]
fn legacy_secrets_become_key_one() {
    let mut s = Secrets::generate(1).unwrap();
    s.install_legacy(Purpose::Reporter, [9; 32], 5);
    let ring = s.ring(Purpose::Reporter);
    assert_eq!(ring.keys().len(), 1);
    assert_eq!(ring.current().id(), 1);
    assert_eq!(ring.current().secret(), &[9; 32]);
    assert_eq!(decode_hex_key(&hex::encode([9u8; 32])), Some([9; 32]));
    assert_eq!(decode_hex_key("abcd"), None);
}

#[test]
fn a_new_key_file_never_replaces_one_created_meanwhile() {
    let dir = scratch("race");
    let path = dir.join(DEFAULT_FILE_NAME);
    let (first, _) = Secrets::load_or_generate(&path, 1).unwrap();
    let (second, _) = Secrets::load_or_generate(&path, 1).unwrap();
    first.save_new().unwrap();
    assert!(matches!(
        second.save_new(),
        Err(SecretsError::CreatedMeanwhile(_))
    ));
    let on_disk = Secrets::load(&path, 1).unwrap();
    assert_eq!(
        on_disk.ring(Purpose::User).current().secret(),
        first.ring(Purpose::User).current().secret()
    );
    let leftovers = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(leftovers, 1, "no staging file is left");
    std::fs::remove_dir_all(&dir).unwrap();
}
