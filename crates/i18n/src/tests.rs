#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use fluent_syntax::ast;

use crate::catalog::{SOURCES, Source};
use crate::{Arg, Catalog, Locale};

/// Every message id and the variables it uses: the contract with the callers.
const CONTRACT: &[(&str, &[&str])] = &[
    // Withdrawal screening (campaign.ftl).
    ("campaign-signal-reported_scam", &["count"]),
    ("campaign-signal-reported_scam-suspected", &["count"]),
    ("campaign-signal-address_poisoning", &["counterparty"]),
    ("campaign-signal-imitates_official", &["brand"]),
    ("campaign-signal-official_compromised", &["brand", "since"]),
    ("campaign-signal-new_destination", &[]),
    ("campaign-signal-first_withdrawal", &[]),
    ("campaign-signal-large_amount", &["ratio"]),
    ("campaign-signal-recent_security_change", &["hours"]),
    ("campaign-signal-young_account", &["days"]),
    // Verdicts.
    ("verdict-official", &[]),
    ("verdict-formerly_official", &[]),
    ("verdict-impersonation", &[]),
    ("verdict-reported_scam", &[]),
    ("verdict-unknown", &[]),
    ("verdict-invalid", &[]),
    // Advice.
    ("advice-official", &["brand"]),
    ("advice-formerly_official", &["brand"]),
    ("advice-impersonation", &["brand"]),
    ("advice-reported_scam", &[]),
    ("advice-unknown", &[]),
    ("advice-invalid", &[]),
    // Kinds.
    ("kind-domain", &[]),
    ("kind-url", &[]),
    ("kind-ip", &[]),
    ("kind-email", &[]),
    ("kind-email_domain", &[]),
    ("kind-phone", &[]),
    ("kind-x", &[]),
    ("kind-telegram", &[]),
    ("kind-instagram", &[]),
    ("kind-facebook", &[]),
    ("kind-youtube", &[]),
    ("kind-tiktok", &[]),
    ("kind-discord", &[]),
    ("kind-whatsapp", &[]),
    ("kind-handle", &[]),
    ("kind-address", &[]),
    // Severity.
    ("severity-suspected", &[]),
    ("severity-confirmed", &[]),
    // Reasons.
    ("reason-official", &["kind", "brand"]),
    ("reason-official-parent", &["value", "parent", "brand"]),
    ("reason-official-mail", &["domain", "brand"]),
    ("reason-retired", &["kind", "brand"]),
    ("reason-website-not-mail", &["domain", "brand"]),
    (
        "reason-reported",
        &["count", "severity", "first_seen", "last_seen"],
    ),
    ("reason-reported-parent", &["parent"]),
    ("reason-reported-domain", &["domain", "kind"]),
    ("reason-no-record", &[]),
    ("reason-userinfo", &["shown", "real"]),
    ("reason-invalid", &["problem"]),
    // Techniques.
    ("technique-homoglyph", &["brand", "target", "pairs"]),
    ("pair", &["found", "expected"]),
    ("list-separator", &[]),
    ("technique-insertion", &["brand", "target", "found"]),
    ("technique-omission", &["brand", "target", "expected"]),
    (
        "technique-dot_insertion",
        &["target", "brand", "registrable"],
    ),
    (
        "technique-replacement",
        &["brand", "target", "found", "expected"],
    ),
    (
        "technique-replacement-keyboard",
        &["brand", "target", "found", "expected"],
    ),
    (
        "technique-transposition",
        &["brand", "target", "found", "expected"],
    ),
    ("technique-repetition", &["brand", "target", "found"]),
    (
        "technique-vowel_swap",
        &["brand", "target", "found", "expected"],
    ),
    (
        "technique-bit_flip",
        &["brand", "target", "found", "expected"],
    ),
    ("technique-hyphenation", &["brand", "target"]),
    ("technique-plural", &["brand", "target", "found"]),
    (
        "technique-combosquatting",
        &["brand", "target", "token", "extra"],
    ),
    (
        "technique-subdomain_abuse",
        &["brand", "target", "registrable"],
    ),
    (
        "technique-tld_swap",
        &["brand", "target", "found", "expected"],
    ),
    ("technique-separator", &["brand", "target"]),
    ("technique-display_name", &["brand", "domain"]),
    ("technique-freemail_brand", &["brand", "domain"]),
    (
        "technique-address_poisoning",
        &["brand", "target", "start", "end"],
    ),
    ("technique-userinfo_trick", &["brand", "target"]),
    // Short technique names.
    ("technique-name-homoglyph", &[]),
    ("technique-name-insertion", &[]),
    ("technique-name-omission", &[]),
    ("technique-name-replacement", &[]),
    ("technique-name-transposition", &[]),
    ("technique-name-repetition", &[]),
    ("technique-name-vowel_swap", &[]),
    ("technique-name-bit_flip", &[]),
    ("reason-listed", &["sources", "first_seen", "last_seen"]),
    ("source-unnamed", &[]),
    ("technique-name-dot_insertion", &[]),
    ("technique-name-hyphenation", &[]),
    ("technique-name-plural", &[]),
    ("technique-name-combosquatting", &[]),
    ("technique-name-subdomain_abuse", &[]),
    ("technique-name-tld_swap", &[]),
    ("technique-name-separator", &[]),
    ("technique-name-display_name", &[]),
    ("technique-name-freemail_brand", &[]),
    ("technique-name-address_poisoning", &[]),
    ("technique-name-userinfo_trick", &[]),
    // Errors.
    ("error-empty", &[]),
    ("error-too_long", &["max"]),
    ("error-binary", &[]),
    ("error-bad_punycode", &["label"]),
    ("error-invalid_domain", &[]),
    ("error-invalid_url", &[]),
    ("error-label_too_long", &[]),
    ("error-invalid_character", &[]),
    ("error-bad_checksum", &["chain"]),
    ("error-invalid_address", &[]),
    ("error-invalid_phone", &[]),
    ("error-missing_region", &[]),
    ("error-invalid_email", &[]),
    ("error-invalid_handle", &[]),
    ("error-unrecognized", &[]),
    ("error-not_of_kind", &["kind"]),
    ("error-too_many", &["max"]),
    ("error-bad_request", &[]),
    ("error-unauthorized", &[]),
    ("error-forbidden", &[]),
    ("error-not_found", &[]),
    ("error-internal", &[]),
    // Web pages.
    ("ui-site-name", &[]),
    ("ui-verify-title", &[]),
    ("ui-verify-intro", &["brand"]),
    ("ui-input-label", &[]),
    ("ui-input-placeholder", &[]),
    ("ui-submit", &[]),
    ("ui-examples", &[]),
    ("ui-result-heading", &["input"]),
    ("ui-normalized", &[]),
    ("ui-kind", &[]),
    ("ui-technique", &[]),
    ("ui-official-channel", &[]),
    ("ui-reports", &[]),
    ("ui-no-record-note", &[]),
    ("ui-report-cta", &[]),
    ("ui-language", &[]),
    ("ui-footer", &[]),
    ("ui-form-expired", &[]),
    ("ui-learn-tactics", &[]),
    ("ui-error-heading", &[]),
    ("ui-verify-nav", &[]),
    ("ui-analyze-nav", &[]),
    ("ui-analyze-title", &[]),
    ("ui-analyze-intro", &[]),
    ("ui-analyze-label", &[]),
    ("ui-analyze-submit", &[]),
    ("ui-analyze-score", &["score"]),
    ("ui-analyze-indicators", &[]),
    // The staff console (console.ftl).
    ("console-title", &[]),
    ("console-sign-in-title", &[]),
    ("console-sign-in-intro", &[]),
    ("console-key-label", &[]),
    ("console-key-hint", &[]),
    ("console-sign-in", &[]),
    ("console-sign-in-wrong", &[]),
    ("console-sign-in-role", &[]),
    ("console-session-ended", &[]),
    ("console-signed-out", &[]),
    ("console-sign-out", &[]),
    ("console-signed-in-as", &["role", "id"]),
    ("console-role-admin", &[]),
    ("console-role-analyst", &[]),
    ("console-role-partner", &[]),
    ("console-role-integrator", &[]),
    ("console-triage-nav", &[]),
    ("console-audit-nav", &[]),
    ("console-triage-title", &[]),
    ("console-region-title", &["region"]),
    ("console-state-filter", &[]),
    ("console-state", &[]),
    ("console-state-new", &[]),
    ("console-state-confirmed", &[]),
    ("console-state-rejected", &[]),
    ("console-state-duplicate", &[]),
    ("console-queue-empty", &[]),
    ("console-next-page", &[]),
    ("console-indicator", &[]),
    ("console-reports", &[]),
    ("console-reporters", &[]),
    ("console-first-seen", &[]),
    ("console-last-seen", &[]),
    ("console-listed", &[]),
    ("console-listed-no", &[]),
    ("console-listed-suspected", &[]),
    ("console-listed-confirmed", &[]),
    ("console-alert-takeover", &[]),
    ("console-alert-takeover-detail", &[]),
    ("console-group-title", &["indicator"]),
    ("console-duplicate-of", &[]),
    ("console-received", &[]),
    ("console-channel", &[]),
    ("console-region", &[]),
    ("console-occurred", &[]),
    ("console-loss", &[]),
    ("console-contact", &[]),
    ("console-no-text", &[]),
    ("console-action-legend", &[]),
    ("console-action-confirm", &[]),
    ("console-action-reject", &[]),
    ("console-action-duplicate", &[]),
    ("console-action-reopen", &[]),
    ("console-duplicate-label", &[]),
    ("console-duplicate-hint", &[]),
    ("console-note-label", &[]),
    ("console-action-submit", &[]),
    ("console-done-confirm", &[]),
    ("console-done-reject", &[]),
    ("console-done-duplicate", &[]),
    ("console-done-reopen", &[]),
    ("console-error-invalid", &[]),
    ("console-error-forbidden", &[]),
    ("console-error-not-found", &[]),
    ("console-error-conflict", &[]),
    ("console-error-too-many", &[]),
    ("console-audit-title", &[]),
    ("console-audit-at", &[]),
    ("console-audit-who", &[]),
    ("console-audit-action", &[]),
    ("console-audit-target", &[]),
    ("console-audit-detail", &[]),
    ("console-registry-nav", &[]),
    ("console-registry-title", &[]),
    ("console-registry-intro", &[]),
    ("console-proposal-title", &["id"]),
    ("console-proposal-by", &["role", "id", "date"]),
    ("console-proposal-diff", &[]),
    ("console-diff-added", &["channel"]),
    ("console-diff-reactivated", &["channel"]),
    ("console-diff-retired", &["channel"]),
    ("console-diff-removed", &["channel"]),
    ("console-proposal-conflicts", &[]),
    ("console-proposal-override", &["reason"]),
    ("console-proposal-approve", &[]),
    ("console-proposal-reject", &[]),
    ("console-proposal-done-approve", &[]),
    ("console-proposal-done-reject", &[]),
    ("console-blocklist-nav", &[]),
    ("console-blocklist-title", &[]),
    ("console-blocklist-intro", &[]),
    ("console-blocklist-search-label", &[]),
    ("console-blocklist-search", &[]),
    ("console-blocklist-not-listed", &[]),
    ("console-severity", &[]),
    ("console-severity-suspected", &[]),
    ("console-severity-confirmed", &[]),
    ("console-categories", &[]),
    ("console-sources", &[]),
    ("console-blocklist-group", &[]),
    ("console-delist-reason-label", &[]),
    ("console-delist-submit", &[]),
    ("console-done-delist", &[]),
    ("console-delist-invalid", &[]),
    ("console-history", &[]),
    ("console-history-empty", &[]),
    ("console-disputes-nav", &[]),
    ("console-disputes-title", &[]),
    ("console-disputes-intro", &[]),
    ("console-dispute-title", &["reference"]),
    ("console-dispute-opened", &["date"]),
    ("console-dispute-reason", &[]),
    ("console-dispute-uphold", &[]),
    ("console-dispute-reject", &[]),
    ("console-dispute-done-uphold", &[]),
    ("console-dispute-done-reject", &[]),
    ("console-dispute-conflict", &[]),
    ("console-disputes-decided", &[]),
    ("console-dispute-decided-upheld", &["date"]),
    ("console-dispute-decided-rejected", &["date"]),
    ("console-dispute-note", &[]),
    ("console-pending-title", &[]),
    ("console-pending-intro", &[]),
    ("console-pending-by", &["role", "id", "date"]),
    ("console-pending-what", &[]),
    ("console-pending-action-confirm", &[]),
    ("console-pending-action-reject", &[]),
    ("console-pending-action-duplicate", &[]),
    ("console-pending-action-reopen", &[]),
    ("console-pending-action-delist", &[]),
    ("console-pending-action-uphold", &[]),
    ("console-pending-note", &[]),
    ("console-pending-own", &[]),
    ("console-pending-approve", &[]),
    ("console-pending-reject", &[]),
    ("console-pending-withdraw", &[]),
    ("console-pending-blocked", &[]),
    ("console-pending-open", &[]),
    ("console-decision-conflict", &[]),
    ("console-done-pending", &[]),
    ("console-done-approved", &[]),
    ("console-done-rejected", &[]),
    ("console-done-withdrawn", &[]),
    // The console's campaign pages (console-campaigns.ftl).
    ("console-campaigns-nav", &[]),
    ("console-campaigns-title", &[]),
    ("console-campaigns-intro", &[]),
    ("console-campaign-new", &[]),
    ("console-campaign-new-intro", &[]),
    ("console-campaign-name", &[]),
    ("console-campaign-partner", &[]),
    ("console-campaign-regions", &[]),
    ("console-campaign-updated", &[]),
    ("console-campaign-starts", &[]),
    ("console-campaign-holdout", &[]),
    ("console-campaign-status-draft", &[]),
    ("console-campaign-status-active", &[]),
    ("console-campaign-status-paused", &[]),
    ("console-campaign-status-ended", &[]),
    ("console-campaign-set-paused", &[]),
    ("console-campaign-set-active", &[]),
    ("console-campaign-set-ended", &[]),
    ("console-campaign-edit", &[]),
    ("console-campaign-document", &[]),
    ("console-campaign-document-hint", &[]),
    ("console-campaign-preview", &[]),
    ("console-campaign-save", &[]),
    ("console-campaign-problems", &[]),
    ("console-campaign-not-json", &["line", "column"]),
    ("console-campaign-not-object", &[]),
    ("console-campaign-problem-invalid", &[]),
    ("console-campaign-problem-reported_scam", &[]),
    ("console-campaign-problem-impersonation", &[]),
    ("console-campaign-problem-not_official", &[]),
    ("console-campaign-problem-wallet_address", &[]),
    ("console-campaign-done-created", &[]),
    ("console-campaign-done-saved", &[]),
    ("console-campaign-done-status", &[]),
    ("console-campaign-done-pending", &["revision"]),
    ("console-preview-title", &[]),
    ("console-preview-hint", &[]),
    ("console-preview-unsaved", &[]),
    ("console-preview-not-saved", &[]),
    ("console-preview-variant", &["variant"]),
    ("console-preview-fallback", &[]),
    ("console-phone-bar", &[]),
    ("console-phone-tips", &[]),
    ("console-phone-examples", &[]),
    ("console-phone-contacts", &[]),
    ("console-phone-resources", &[]),
    ("console-phone-cancel", &[]),
    ("console-phone-continue", &[]),
    ("console-revisions-title", &[]),
    ("console-revisions-intro", &[]),
    ("console-revisions-pending", &[]),
    ("console-revision-title", &["id", "date"]),
    ("console-revision-field", &[]),
    ("console-revision-from", &[]),
    ("console-revision-to", &[]),
    ("console-revision-approve", &[]),
    ("console-revision-reject", &[]),
    ("console-revision-withdraw-reject", &[]),
    ("console-revision-preview", &[]),
    ("console-revision-done-approve", &[]),
    ("console-revision-done-reject", &[]),
    ("console-revision-conflict", &[]),
    ("console-revision-own", &[]),
    ("console-resources-pending", &[]),
    ("console-resources-intro", &[]),
    ("console-resource-title", &["id", "date"]),
    ("console-resource-value", &[]),
    ("console-resource-label", &[]),
    ("console-resource-approve", &[]),
    ("console-resource-reject", &[]),
    ("console-resource-withdraw-reject", &[]),
    ("console-resource-own", &[]),
    ("console-resource-done-approve", &[]),
    ("console-resource-done-reject", &[]),
    ("console-resource-conflict", &[]),
    ("console-results-nav", &[]),
    ("console-results-title", &["name"]),
    ("console-results-intro", &[]),
    ("console-results-back", &[]),
    ("console-results-export", &[]),
    ("console-results-totals", &[]),
    ("console-results-arm", &[]),
    ("console-results-screenings", &[]),
    ("console-results-reconsidered", &[]),
    ("console-results-cancelled", &[]),
    ("console-results-exposed", &[]),
    ("console-results-holdout", &[]),
    ("console-results-uplift", &[]),
    ("console-results-empty", &[]),
    ("console-results-by-day", &[]),
    ("console-results-by-variant", &[]),
    ("console-results-by-exposure", &[]),
    ("console-results-chart-day-reconsidered", &[]),
    ("console-results-chart-day-cancelled", &[]),
    ("console-results-chart-variant-reconsidered", &[]),
    ("console-results-chart-variant-cancelled", &[]),
    ("console-results-chart-exposure-reconsidered", &[]),
    ("console-results-chart-exposure-cancelled", &[]),
    ("console-results-numbers", &[]),
    ("console-results-col-day", &[]),
    ("console-results-col-variant", &[]),
    ("console-results-col-exposure", &[]),
    // The public pages (pages.ftl).
    ("ui-skip-link", &[]),
    ("ui-nav-label", &[]),
    ("ui-learn-nav", &[]),
    ("ui-official-nav", &[]),
    ("ui-optional", &[]),
    ("ui-verdict-label", &[]),
    ("ui-compare-heading", &[]),
    ("ui-compare-input", &[]),
    ("ui-compare-official", &["brand"]),
    ("ui-compare-note", &[]),
    ("ui-report-summary", &["count", "first", "last"]),
    ("ui-next-heading", &[]),
    ("ui-report-this", &[]),
    ("ui-analyze-file-label", &[]),
    ("ui-analyze-file-hint", &[]),
    ("ui-analyze-file-error", &[]),
    ("ui-analyze-highlighted", &[]),
    ("ui-analyze-tactics", &[]),
    ("ui-analyze-missing", &[]),
    ("ui-analyze-too-long", &["max"]),
    ("ui-report-title", &[]),
    ("ui-report-intro", &[]),
    ("ui-report-indicators-label", &[]),
    ("ui-report-indicators-hint", &[]),
    ("ui-report-text-label", &[]),
    ("ui-report-channel-label", &[]),
    ("ui-report-channel-unset", &[]),
    ("ui-report-region-label", &[]),
    ("ui-report-region-hint", &[]),
    ("ui-report-loss-legend", &[]),
    ("ui-report-amount-label", &[]),
    ("ui-report-asset-label", &[]),
    ("ui-report-when-label", &[]),
    ("ui-report-contact-legend", &[]),
    ("ui-report-consent-label", &[]),
    ("ui-report-contact-label", &[]),
    ("ui-report-contact-hint", &[]),
    ("ui-report-submit", &[]),
    ("ui-report-errors", &[]),
    ("ui-report-done", &[]),
    ("ui-report-status-link", &[]),
    ("ui-status-title", &["reference"]),
    ("ui-status-received-at", &["date"]),
    ("ui-status-received", &[]),
    ("ui-status-received-description", &[]),
    ("ui-status-under_review", &[]),
    ("ui-status-under_review-description", &[]),
    ("ui-status-listed", &[]),
    ("ui-status-listed-description", &[]),
    ("ui-status-rejected", &[]),
    ("ui-status-rejected-description", &[]),
    ("ui-status-not-found", &[]),
    ("ui-status-privacy", &[]),
    ("ui-status-lookup-heading", &[]),
    ("ui-status-lookup-label", &[]),
    ("ui-status-lookup-submit", &[]),
    ("channel-sms", &[]),
    ("channel-phone", &[]),
    ("channel-email", &[]),
    ("channel-website", &[]),
    ("channel-chat", &[]),
    ("channel-dm", &[]),
    ("channel-group", &[]),
    ("channel-social", &[]),
    ("channel-telegram", &[]),
    ("channel-whatsapp", &[]),
    ("channel-x", &[]),
    ("channel-instagram", &[]),
    ("channel-facebook", &[]),
    ("channel-youtube", &[]),
    ("channel-tiktok", &[]),
    ("channel-discord", &[]),
    ("channel-wechat", &[]),
    ("channel-line", &[]),
    ("channel-signal", &[]),
    ("channel-dating", &[]),
    ("channel-in_person", &[]),
    ("channel-app", &[]),
    ("provenance-sent_by_us", &["date", "channel"]),
    ("provenance-not_sent_by_us", &[]),
    ("provenance-unknown", &[]),
    ("channel-other", &[]),
    ("ui-learn-title", &[]),
    ("ui-learn-intro", &[]),
    ("ui-learn-families", &[]),
    ("family-fake-authority-title", &[]),
    ("family-fake-authority-description", &[]),
    ("family-loan-fee-title", &[]),
    ("family-loan-fee-description", &[]),
    ("family-fake-service-title", &[]),
    ("family-fake-service-description", &[]),
    ("family-acquaintance-title", &[]),
    ("family-acquaintance-description", &[]),
    ("family-task-title", &[]),
    ("family-task-description", &[]),
    ("family-investment-title", &[]),
    ("family-investment-description", &[]),
    ("family-callback-title", &[]),
    ("family-callback-description", &[]),
    ("ui-learn-todo", &[]),
    ("ui-learn-todo-stop", &[]),
    ("ui-learn-todo-check", &[]),
    ("ui-learn-todo-call", &[]),
    ("ui-learn-todo-report", &[]),
    ("ui-learn-todo-lost", &[]),
    ("ui-official-title", &[]),
    ("ui-official-intro", &[]),
    ("ui-official-active", &[]),
    ("ui-official-retired", &[]),
    ("ui-official-status", &[]),
    ("ui-official-empty", &[]),
    // Message analyzer.
    ("tactic-phishing-title", &[]),
    ("tactic-phishing-description", &[]),
    ("tactic-phishing-tips", &[]),
    ("tactic-pretexting-title", &[]),
    ("tactic-pretexting-description", &[]),
    ("tactic-pretexting-tips", &[]),
    ("tactic-baiting-title", &[]),
    ("tactic-baiting-description", &[]),
    ("tactic-baiting-tips", &[]),
    ("tactic-quid_pro_quo-title", &[]),
    ("tactic-quid_pro_quo-description", &[]),
    ("tactic-quid_pro_quo-tips", &[]),
    ("tactic-spear_phishing-title", &[]),
    ("tactic-spear_phishing-description", &[]),
    ("tactic-spear_phishing-tips", &[]),
    ("tactic-watering_hole-title", &[]),
    ("tactic-watering_hole-description", &[]),
    ("tactic-watering_hole-tips", &[]),
    ("tactic-secret_request-title", &[]),
    ("tactic-secret_request-description", &[]),
    ("tactic-secret_request-tips", &[]),
    ("tactic-urgency-title", &[]),
    ("tactic-urgency-description", &[]),
    ("tactic-urgency-tips", &[]),
    ("tactic-too_good_to_be_true-title", &[]),
    ("tactic-too_good_to_be_true-description", &[]),
    ("tactic-too_good_to_be_true-tips", &[]),
    ("tactic-off_platform-title", &[]),
    ("tactic-off_platform-description", &[]),
    ("tactic-off_platform-tips", &[]),
    ("tactic-payment_instruction-title", &[]),
    ("tactic-payment_instruction-description", &[]),
    ("tactic-payment_instruction-tips", &[]),
    ("evidence-secret-seed", &[]),
    ("evidence-secret-password", &[]),
    ("evidence-secret-code", &[]),
    ("evidence-secret-identity", &[]),
    ("evidence-secret-remote", &[]),
    ("evidence-ask-for-secret", &[]),
    ("evidence-urgency-deadline", &[]),
    ("evidence-urgency-account-threat", &[]),
    ("evidence-urgency-legal", &[]),
    ("evidence-pretext-support", &[]),
    ("evidence-pretext-authority", &[]),
    ("evidence-pretext-friend", &[]),
    ("evidence-pretext-impersonation", &[]),
    ("evidence-bait-giveaway", &[]),
    ("evidence-bait-prize", &[]),
    ("evidence-bait-multiply", &[]),
    ("evidence-too-good-returns", &[]),
    ("evidence-too-good-insider", &[]),
    ("evidence-too-good-recovery", &[]),
    ("evidence-off-platform-contact", &[]),
    ("evidence-off-platform-group", &[]),
    ("evidence-off-platform-app", &[]),
    ("evidence-payment-transfer", &[]),
    ("evidence-payment-gift-card", &[]),
    ("evidence-payment-reported-address", &[]),
    ("evidence-quid-pro-quo-fee", &[]),
    ("evidence-quid-pro-quo-help", &[]),
    ("evidence-spear-greeting", &[]),
    ("evidence-spear-account-detail", &[]),
    ("evidence-watering-trusted-host", &[]),
    ("evidence-watering-group", &[]),
    ("evidence-phishing-login", &[]),
    ("evidence-phishing-link", &[]),
    ("evidence-phishing-lookalike", &[]),
    ("evidence-phishing-reported", &[]),
    ("evidence-call-to-action", &[]),
    ("evidence-payment-premium-rate", &[]),
    ("evidence-email-display-name", &[]),
    ("evidence-email-reply-to", &[]),
    ("evidence-email-return-path", &[]),
    ("evidence-email-link-mismatch", &[]),
    ("evidence-email-attachment", &[]),
    ("evidence-email-secret-form", &[]),
    ("evidence-email-lookalike-sender", &[]),
    ("evidence-obfuscated", &[]),
    ("evidence-script-fake-authority", &[]),
    ("evidence-script-loan-fee", &[]),
    ("evidence-script-fake-service", &[]),
    ("evidence-script-acquaintance", &[]),
    ("evidence-script-task", &[]),
    ("evidence-script-investment", &[]),
    ("evidence-script-callback", &[]),
    ("risk-none", &[]),
    ("risk-low", &[]),
    ("risk-medium", &[]),
    ("risk-high", &[]),
    ("risk-critical", &[]),
    ("analyze-advice-none", &[]),
    ("analyze-advice-low", &[]),
    ("analyze-advice-medium", &[]),
    ("analyze-advice-high", &[]),
    ("analyze-advice-critical", &[]),
    // Reports and disputes.
    ("report-received", &["reference"]),
    ("dispute-received", &["reference"]),
    ("report-field-missing_content", &[]),
    ("report-field-too_many_indicators", &["max"]),
    ("report-field-text_too_long", &["max"]),
    ("report-field-invalid_text", &[]),
    ("report-field-unknown_channel", &[]),
    ("report-field-unknown_region", &[]),
    ("report-field-invalid_amount", &[]),
    ("report-field-missing_amount", &[]),
    ("report-field-invalid_asset", &[]),
    ("report-field-missing_asset", &[]),
    ("report-field-invalid_date", &[]),
    ("report-field-date_out_of_range", &[]),
    ("report-field-missing_contact", &[]),
    ("report-field-contact_too_long", &["max"]),
    ("report-field-invalid_contact", &[]),
    ("report-field-missing_reason", &[]),
    ("report-field-reason_too_long", &["max"]),
    // A compromised official channel (issue 14).
    ("verdict-official_compromised", &[]),
    (
        "advice-official_compromised",
        &["brand", "since", "channels"],
    ),
    ("advice-compromised-no-channels", &[]),
    ("reason-compromised", &["brand", "kind", "since"]),
    ("ui-compromised-since", &[]),
    ("ui-other-channels", &[]),
    ("console-diff-compromised", &["since", "channel"]),
    ("console-diff-compromised-note", &["note"]),
    ("console-diff-recovered", &["channel"]),
    ("console-proposal-urgent", &[]),
    ("evidence-compromised-official", &[]),
    ("evidence-scam-wording", &[]),
    // The friction ladder (friction.ftl).
    ("friction-hold-reason", &["hours"]),
    ("friction-hold-escalated", &["hours"]),
    ("friction-contact-notification", &["hours"]),
];

/// Variables holding numbers (they select plural forms).
const NUMERIC: &[&str] = &["count", "max"];

fn catalog() -> &'static Catalog {
    Catalog::global()
}

// ---------------------------------------------------------------------------------------
// Locale

#[test]
fn parse_tags() {
    use Locale::*;
    let cases: &[(&str, Option<Locale>)] = &[
        ("en", Some(En)),
        ("EN", Some(En)),
        ("en-GB", Some(En)),
        ("en_us", Some(En)),
        ("en-Latn-US-x-twain", Some(En)),
        ("zh-Hant", Some(ZhHant)),
        ("zh-hant", Some(ZhHant)),
        ("zh-HK", Some(ZhHant)),
        ("zh_hk", Some(ZhHant)),
        ("zh-TW", Some(ZhHant)),
        ("zh-MO", Some(ZhHant)),
        ("zh-Hant-HK", Some(ZhHant)),
        ("ZH-HANT-HK", Some(ZhHant)),
        ("zh-Hant-CN", Some(ZhHant)),
        ("zh-HK-x-private", Some(ZhHant)),
        ("zh-yue", Some(ZhHant)),
        ("yue", Some(ZhHant)),
        ("yue-HK", Some(ZhHant)),
        ("yue-CN", Some(ZhHans)),
        ("yue-Hans", Some(ZhHans)),
        ("cmn-Hant-TW", Some(ZhHant)),
        ("zh", Some(ZhHans)),
        ("ZH", Some(ZhHans)),
        ("zh-CN", Some(ZhHans)),
        ("zh_cn", Some(ZhHans)),
        ("zh-SG", Some(ZhHans)),
        ("zh-Hans", Some(ZhHans)),
        ("zh-Hans-HK", Some(ZhHans)),
        ("zh-cmn-Hans-CN", Some(ZhHans)),
        ("  zh-TW  ", Some(ZhHant)),
        ("fr", None),
        ("fr-HK", None),
        ("de-CH", None),
        ("english", None),
        ("", None),
        ("   ", None),
        ("*", None),
        ("e", None),
        ("en-", None),
        ("-en", None),
        ("zh--HK", None),
        ("zh-HK!", None),
        ("zh-toolongsubtag", None),
        ("中文", None),
        ("zh-香港", None),
        ("en\u{0}", None),
    ];
    for &(tag, expected) in cases {
        assert_eq!(Locale::parse(tag), expected, "parse({tag:?})");
    }
    // Huge tags are rejected without looking at them.
    assert_eq!(
        Locale::parse(&format!("zh-{}", "Hant-".repeat(100_000))),
        None
    );
}

#[test]
fn negotiate_headers() {
    use Locale::*;
    let cases: &[(&str, Locale)] = &[
        ("", En),
        ("en-US,en;q=0.9", En),
        ("zh-HK,zh;q=0.9,en;q=0.8", ZhHant),
        ("zh-TW", ZhHant),
        ("zh-CN,zh;q=0.9", ZhHans),
        ("zh", ZhHans),
        ("en;q=0.5, zh-TW;q=0.8", ZhHant),
        ("en;q=0.5,zh-Hans;q=0.6", ZhHans),
        ("fr-FR, de;q=0.9, zh-Hans;q=0.1", ZhHans),
        ("fr-FR, de;q=0.9", En),
        ("en-GB;q=0.2, zh-MO;q=0.3", ZhHant),
        // Ties go to the first listed.
        ("en;q=0.5, zh-Hant;q=0.5", En),
        ("zh-Hant;q=0.5, en;q=0.5", ZhHant),
        ("zh-HK, en", ZhHant),
        // q=0 means "not acceptable".
        ("zh-HK;q=0, en", En),
        ("zh-HK;q=0.000, zh-CN;q=0.5", ZhHans),
        ("zh-HK;q=0", En),
        // Case, spaces and other parameters.
        ("zh-hk ; Q = 0.9 , EN;q=0.8", ZhHant),
        ("zh-HK;level=1;q=0.9, en;q=0.5", ZhHant),
        ("en;q=1.000, zh", En),
        ("en;q=0.1, zh;q=1.", ZhHans),
        ("en;q=0.12345, zh;q=0.1", En),
        // Malformed q-values drop their entry.
        ("zh-HK;q=abc, zh-CN;q=0.1", ZhHans),
        ("zh-HK;q=1.5, en;q=0.2", En),
        ("zh-HK;q=-1, zh-CN;q=0.1", ZhHans),
        ("zh-HK;q=, en;q=0.1", En),
        ("zh-HK;q=0.5x", En),
        ("zh-HK;q=NaN", En),
        ("zh-HK;q=inf", En),
        // Wildcards and garbage.
        ("*", En),
        ("*, zh-HK;q=0.5", ZhHant),
        (";;;,,,==", En),
        (",,zh-TW,,", ZhHant),
        ("\u{0}\u{ffff}漢字", En),
        ("zh-HK\u{0}", En),
        ("q=0.5", En),
        ("; q=1", En),
    ];
    for &(header, expected) in cases {
        assert_eq!(Locale::negotiate(header), expected, "negotiate({header:?})");
    }
}

#[test]
fn negotiate_caps_work_on_huge_headers() {
    // Entries past the cap are not read.
    let many = format!("{}zh-HK", "fr,".repeat(100_000));
    assert_eq!(Locale::negotiate(&many), Locale::En);
    let long = format!("zh-HK;q=0.5, {}", "x".repeat(1_000_000));
    assert_eq!(Locale::negotiate(&long), Locale::ZhHant);
    // A cut in the middle of a multi-byte character does not panic.
    let cut = format!("zh-HK;q=0.5,{}", "漢".repeat(10_000));
    assert_eq!(Locale::negotiate(&cut), Locale::ZhHant);
    let no_comma = "漢".repeat(10_000);
    assert_eq!(Locale::negotiate(&no_comma), Locale::En);
    // An entry cut by the byte cap is dropped rather than misread.
    let mut exact = "fr,".repeat(1365); // 4095 bytes
    exact.push_str("zh-Hant");
    assert_eq!(Locale::negotiate(&exact), Locale::En);
}

#[test]
fn negotiate_never_panics_on_noise() {
    // A small deterministic generator: every byte pattern goes through without a panic.
    let alphabet: Vec<char> = "zhenHKTWCNant-_;,=q.01 *\u{0}漢\u{fffd}é".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2_000 {
        let mut header = String::new();
        for _ in 0..(state % 40) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            header.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let locale = Locale::negotiate(&header);
        assert!(Locale::ALL.contains(&locale));
        let _ = Locale::parse(&header);
    }
}

#[test]
fn locale_names_and_serde() {
    let cases = [
        (Locale::En, "en", "English"),
        (Locale::ZhHant, "zh-Hant", "繁體中文"),
        (Locale::ZhHans, "zh-Hans", "简体中文"),
    ];
    for (i, (locale, tag, name)) in cases.into_iter().enumerate() {
        assert_eq!(Locale::ALL[i], locale);
        assert_eq!(locale.index(), i);
        assert_eq!(locale.as_str(), tag);
        assert_eq!(locale.to_string(), tag);
        assert_eq!(locale.native_name(), name);
        assert_eq!(Locale::parse(tag), Some(locale));
        let json = serde_json::to_string(&locale).unwrap();
        assert_eq!(json, format!("\"{tag}\""));
        assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), locale);
    }
    assert!(serde_json::from_str::<Locale>("\"fr\"").is_err());
    assert_eq!(Locale::default(), Locale::En);
}

// ---------------------------------------------------------------------------------------
// Catalogue completeness

/// The variables a pattern references (message references show as `msg:<id>`, which no
/// contract lists: messages must stay self-contained so translators see the whole text).
fn pattern_vars(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for variant in variants {
                pattern_vars(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, out),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_vars(argument, out);
            }
            for argument in &arguments.named {
                inline_vars(&argument.value, out);
            }
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            out.insert(format!("msg:{}", id.name));
        }
        ast::InlineExpression::TermReference { id, .. } => {
            out.insert(format!("term:{}", id.name));
        }
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn vars_of(catalog: &Catalog, locale: Locale, id: &str) -> BTreeSet<String> {
    let (_, pattern) = catalog.pattern(locale, id).unwrap();
    let mut vars = BTreeSet::new();
    pattern_vars(pattern, &mut vars);
    vars
}

#[test]
fn embedded_files_load_cleanly() {
    assert_eq!(catalog().problems(), &[] as &[String]);
    // No junk, no attributes-only messages, nothing a parser skipped silently.
    for (locale, sources) in Locale::ALL.into_iter().zip(SOURCES) {
        for &(name, text) in sources {
            let resource = fluent_bundle::FluentResource::try_new(text.to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{name}: {errors:?}"));
            for entry in resource.entries() {
                match entry {
                    ast::Entry::Message(message) => {
                        assert!(message.value.is_some(), "{name}: {}", message.id.name);
                        assert!(message.attributes.is_empty(), "{name}: {}", message.id.name);
                    }
                    ast::Entry::Comment(_)
                    | ast::Entry::GroupComment(_)
                    | ast::Entry::ResourceComment(_) => {}
                    other => panic!("{locale}: {name}: unexpected entry {other:?}"),
                }
            }
        }
    }
}

#[test]
fn every_locale_has_exactly_the_contract_ids() {
    let contract: BTreeSet<String> = CONTRACT.iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(contract.len(), CONTRACT.len(), "duplicate id in CONTRACT");
    let english: BTreeSet<String> = catalog().ids(Locale::En).into_iter().collect();
    assert_eq!(english, contract, "English vs CONTRACT");
    for locale in Locale::ALL {
        let ids: BTreeSet<String> = catalog().ids(locale).into_iter().collect();
        let missing: Vec<_> = english.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&english).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(extra.is_empty(), "{locale} has extra {extra:?}");
        for id in &english {
            assert!(catalog().has(locale, id), "{locale}: has({id})");
        }
    }
}

#[test]
fn every_message_uses_exactly_its_contract_variables() {
    for locale in Locale::ALL {
        for &(id, expected) in CONTRACT {
            let expected: BTreeSet<String> = expected.iter().map(|v| v.to_string()).collect();
            assert_eq!(vars_of(catalog(), locale, id), expected, "{locale}: {id}");
        }
    }
}

/// Dummy arguments for every variable of `id`, with `number` for the numeric ones.
fn dummy_args(id: &str, number: i64) -> Vec<(&'static str, Arg<'static>)> {
    let (_, vars) = CONTRACT.iter().find(|(i, _)| *i == id).unwrap();
    vars.iter()
        .map(|&var| {
            let arg = if NUMERIC.contains(&var) {
                Arg::Num(number)
            } else {
                Arg::Str(var)
            };
            (var, arg)
        })
        .collect()
}

#[test]
fn every_message_formats_without_errors() {
    let mut failures = Vec::new();
    for locale in Locale::ALL {
        for &(id, vars) in CONTRACT {
            for number in [0, 1, 2, 5, 21, 100] {
                let args = dummy_args(id, number);
                let mut errors = Vec::new();
                let text = catalog().format(locale, id, &args, &mut errors);
                if !errors.is_empty() {
                    failures.push(format!("{locale}: {id}: {errors:?}"));
                }
                if id != "list-separator" && (text.trim() != text || text.is_empty()) {
                    failures.push(format!("{locale}: {id}: stray whitespace in {text:?}"));
                }
                if text.contains(['{', '}', '\u{2068}', '\u{2069}']) {
                    failures.push(format!("{locale}: {id}: unresolved or isolated {text:?}"));
                }
                for &(var, arg) in &args {
                    let shown = match arg {
                        Arg::Str(text) => text.to_string(),
                        Arg::Num(n) => n.to_string(),
                    };
                    // English may spell out "one"; every other value must show.
                    let spelled_out = number == 1 && NUMERIC.contains(&var);
                    if !spelled_out && !text.contains(&shown) {
                        failures.push(format!("{locale}: {id}: ${var} not shown in {text:?}"));
                    }
                }
                if vars.iter().all(|v| !NUMERIC.contains(v)) {
                    break;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn precompiled_messages_match_fluent() {
    for locale in Locale::ALL {
        for &(id, vars) in CONTRACT {
            // Every message is precompiled: the Fluent resolver is the slow path.
            assert!(catalog().is_precompiled(locale, id), "{locale}: {id}");
            for number in [0, 1, 2, 7, -1, -3, 1 << 40] {
                let mut args = dummy_args(id, number);
                let expected = catalog().format_fluent(locale, id, &args, &mut Vec::new());
                assert_eq!(
                    catalog().message(locale, id, &args),
                    expected,
                    "{locale}: {id}"
                );
                // Missing variables show the same way.
                args.pop();
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                assert_eq!(
                    catalog().format(locale, id, &args, &mut fast),
                    catalog().format_fluent(locale, id, &args, &mut slow),
                    "{locale}: {id} without its last variable"
                );
                assert_eq!(fast.len(), slow.len(), "{locale}: {id}: {fast:?} {slow:?}");
                if vars.is_empty() {
                    break;
                }
            }
        }
    }
}

#[test]
fn precompiled_selectors_match_fluent() {
    let en = "\
n = { $n ->
    [0] none
    [one] one { $n }
   *[other] { $n } { $x ->
        [a] with a
       *[b] with b
    }
}
f = { NUMBER($n) -> 
    [one] one
   *[other] other
}
lit = { \"\\u0041\" }
dec = { $n ->
    [1.0] one point oh
   *[other] other
}
";
    let sources: [&[Source]; 3] = [&[("en/t.ftl", en)], &[], &[]];
    let c = Catalog::from_sources(sources);
    assert_eq!(c.problems(), &[] as &[String]);
    assert!(c.is_precompiled(Locale::En, "n"));
    assert!(!c.is_precompiled(Locale::En, "f"));
    assert!(!c.is_precompiled(Locale::En, "lit"));
    assert!(!c.is_precompiled(Locale::En, "dec"));
    assert_eq!(c.message(Locale::En, "lit", &[]), "A");
    let values = [
        None,
        Some(Arg::Num(0)),
        Some(Arg::Num(1)),
        Some(Arg::Num(2)),
        Some(Arg::Num(-1)),
        Some(Arg::Str("one")),
        Some(Arg::Str("0")),
        Some(Arg::Str("a")),
        Some(Arg::Str("b")),
        Some(Arg::Str("other")),
    ];
    for id in ["n", "f", "dec"] {
        for n in values {
            for x in values {
                let mut args = Vec::new();
                if let Some(n) = n {
                    args.push(("n", n));
                }
                if let Some(x) = x {
                    args.push(("x", x));
                }
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                assert_eq!(
                    c.format(Locale::En, id, &args, &mut fast),
                    c.format_fluent(Locale::En, id, &args, &mut slow),
                    "{id} {args:?}"
                );
                assert_eq!(fast.len(), slow.len(), "{id} {args:?}: {fast:?} {slow:?}");
            }
        }
    }
    assert_eq!(c.message(Locale::En, "n", &[("n", 0.into())]), "none");
    assert_eq!(c.message(Locale::En, "n", &[("n", 1.into())]), "one 1");
    assert_eq!(
        c.message(Locale::En, "n", &[("n", 5.into()), ("x", "a".into())]),
        "5 with a"
    );
}

#[test]
fn scripts_match_their_locale() {
    // Characters that exist only in the other script (common ones in these texts).
    const SIMPLIFIED_ONLY: &str = "这骗账网话码钱们为录举报没关认证设备请时个发现邮电务护换级链联对该贴经际错试问误类线输权详记间称";
    const TRADITIONAL_ONLY: &str = "這騙帳賬網話碼錢們為錄舉報沒關認證設備請時個發現郵電務護換級鏈聯對該貼經際錯試問誤類線輸權詳記間稱";
    let check = |locale: Locale, forbidden: &str| {
        for &(name, text) in SOURCES[locale.index()] {
            let found: String = text.chars().filter(|c| forbidden.contains(*c)).collect();
            assert!(found.is_empty(), "{name} uses the wrong script: {found}");
        }
    };
    check(Locale::ZhHant, SIMPLIFIED_ONLY);
    check(Locale::ZhHans, TRADITIONAL_ONLY);
}

// ---------------------------------------------------------------------------------------
// Rendering

#[test]
fn renders_in_each_locale() {
    let c = catalog();
    type Case<'a> = (Locale, &'a str, &'a [(&'a str, Arg<'a>)], &'a str);
    let cases: &[Case<'_>] = &[
        (Locale::En, "verdict-official", &[], "Official"),
        (Locale::ZhHant, "verdict-reported_scam", &[], "已被舉報詐騙"),
        (Locale::ZhHans, "verdict-unknown", &[], "无记录"),
        (Locale::En, "kind-phone", &[], "phone number"),
        (Locale::ZhHant, "kind-address", &[], "錢包地址"),
        (Locale::ZhHans, "kind-email", &[], "邮箱地址"),
        (
            Locale::En,
            "reason-official",
            &[
                ("kind", Arg::Str("website")),
                ("brand", Arg::Str("HashKey")),
            ],
            "This is an official website of HashKey.",
        ),
        (
            Locale::ZhHant,
            "reason-official",
            &[("kind", Arg::Str("網站")), ("brand", Arg::Str("HashKey"))],
            "這是 HashKey 的官方網站。",
        ),
        (
            Locale::ZhHans,
            "reason-official",
            &[("kind", Arg::Str("网站")), ("brand", Arg::Str("HashKey"))],
            "这是 HashKey 的官方网站。",
        ),
        (
            Locale::En,
            "pair",
            &[("found", Arg::Str("о")), ("expected", Arg::Str("o"))],
            "“о” instead of “o”",
        ),
        (
            Locale::ZhHant,
            "pair",
            &[("found", Arg::Str("о")), ("expected", Arg::Str("o"))],
            "以「о」代替「o」",
        ),
        (Locale::En, "list-separator", &[], ", "),
        (Locale::ZhHant, "list-separator", &[], "、"),
        (Locale::ZhHans, "list-separator", &[], "、"),
        (
            Locale::En,
            "ui-result-heading",
            &[("input", Arg::Str("examp1e.com"))],
            "Result for examp1e.com",
        ),
        (
            Locale::ZhHans,
            "error-too_many",
            &[("max", Arg::Num(100))],
            "一次请求的项目太多：每次最多只能核查 100 项。",
        ),
        (
            Locale::ZhHant,
            "error-bad_checksum",
            &[("chain", Arg::Str("Ethereum"))],
            "這個 Ethereum 地址的校驗碼不正確：有字元被更改或輸入錯誤。請與原本的地址逐個字元核對。",
        ),
    ];
    for &(locale, id, args, expected) in cases {
        assert_eq!(c.message(locale, id, args), expected, "{locale}: {id}");
    }
    // Advice mentions the helpline in every locale.
    for locale in Locale::ALL {
        assert!(
            c.message(locale, "advice-reported_scam", &[])
                .contains("18222")
        );
    }
}

#[test]
fn english_plurals() {
    let c = catalog();
    let reported = |count: i64| {
        c.message(
            Locale::En,
            "reason-reported",
            &[
                ("count", count.into()),
                ("severity", "confirmed by an analyst".into()),
                ("first_seen", "2025-01-02".into()),
                ("last_seen", "2025-03-04".into()),
            ],
        )
    };
    assert_eq!(
        reported(1),
        "Reported once as a scam (confirmed by an analyst). \
         First seen 2025-01-02, last seen 2025-03-04."
    );
    assert_eq!(
        reported(3),
        "Reported 3 times as a scam (confirmed by an analyst). \
         First seen 2025-01-02, last seen 2025-03-04."
    );
    assert!(reported(0).starts_with("Reported 0 times"));
    let too_many = |max: u32| c.message(Locale::En, "error-too_many", &[("max", max.into())]);
    assert_eq!(
        too_many(1),
        "Too many inputs in one request: send at most one at a time."
    );
    assert_eq!(
        too_many(100),
        "Too many inputs in one request: send at most 100 at a time."
    );
    let too_long = |max: usize| c.message(Locale::En, "error-too_long", &[("max", max.into())]);
    assert!(too_long(1).ends_with("at most one character."));
    assert!(too_long(2048).ends_with("at most 2048 characters."));
    // Chinese takes the number as is.
    let zh = c.message(
        Locale::ZhHant,
        "reason-reported",
        &[
            ("count", 1.into()),
            ("severity", "s".into()),
            ("first_seen", "a".into()),
            ("last_seen", "b".into()),
        ],
    );
    assert_eq!(
        zh,
        "已被舉報詐騙 1 次（s）。首次發現於 a，最近一次發現於 b。"
    );
}

#[test]
fn fallbacks() {
    let sources: [&[Source]; 3] = [
        &[("en/test.ftl", "a = A\nb = B { $x }\n")],
        &[("zh-Hant/test.ftl", "a = 甲\n")],
        &[("zh-Hans/test.ftl", "a = 甲\nbroken = { \n")],
    ];
    let c = Catalog::from_sources(sources);
    assert_eq!(c.problems().len(), 1, "{:?}", c.problems());
    assert_eq!(c.message(Locale::ZhHant, "a", &[]), "甲");
    // Missing in the locale: English.
    assert_eq!(c.message(Locale::ZhHant, "b", &[("x", "1".into())]), "B 1");
    assert!(!c.has(Locale::ZhHant, "b"));
    assert!(c.has(Locale::En, "b"));
    // Unknown everywhere: the id.
    assert_eq!(c.message(Locale::ZhHans, "nope", &[]), "nope");
    assert_eq!(c.message(Locale::En, "", &[]), "");
    // A broken entry is skipped, the rest stays usable.
    assert_eq!(c.message(Locale::ZhHans, "broken", &[]), "broken");
    assert_eq!(c.ids(Locale::ZhHans), ["a"]);
    // A missing variable shows, without panicking.
    assert_eq!(c.message(Locale::En, "b", &[]), "B {$x}");
    // Unused and repeated arguments are harmless; the last one wins.
    assert_eq!(
        c.message(
            Locale::En,
            "b",
            &[("y", 1.into()), ("x", "1".into()), ("x", "2".into())]
        ),
        "B 2"
    );
    // The global catalogue falls back the same way.
    assert_eq!(
        catalog().message(Locale::ZhHant, "no-such-id", &[]),
        "no-such-id"
    );
}

#[test]
fn args_convert() {
    let text = String::from("t");
    assert_eq!(Arg::from("s"), Arg::Str("s"));
    assert_eq!(Arg::from(&text), Arg::Str("t"));
    assert_eq!(Arg::from(-3_i64), Arg::Num(-3));
    assert_eq!(Arg::from(-3_i32), Arg::Num(-3));
    assert_eq!(Arg::from(3_u32), Arg::Num(3));
    assert_eq!(Arg::from(3_usize), Arg::Num(3));
    assert_eq!(Arg::from(u64::MAX), Arg::Num(i64::MAX));
    assert_eq!(
        catalog().message(Locale::En, "reason-invalid", &[("problem", Arg::Num(-7))]),
        "-7"
    );
}

#[test]
fn ids_are_sorted() {
    for locale in Locale::ALL {
        let ids = catalog().ids(locale);
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{locale}");
    }
}

#[test]
fn catalog_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Catalog>();
    // And usable from several threads at once.
    std::thread::scope(|scope| {
        for locale in Locale::ALL {
            scope.spawn(move || {
                for n in 2..100 {
                    let text = catalog().message(locale, "error-too_many", &[("max", n.into())]);
                    assert!(text.contains(&n.to_string()));
                }
            });
        }
    });
}
