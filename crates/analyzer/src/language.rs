//! The language of a message, for choosing the answer's locale.

use crate::Language;

/// Detects the language from the letters used: Chinese when Chinese characters are at
/// least a third as many as Latin letters (Traditional unless more characters are only
/// Simplified), English when there are Latin letters and at least as many as other letters.
pub(crate) fn language(text: &str) -> Language {
    const TRADITIONAL: &str = "這騙帳賬網話碼錢們為錄舉報沒關認證設備請時個發現郵電務護換級鏈聯對該貼經際錯試問誤類線輸權詳記間稱戶凍結驗詞號碼幣轉匯單點擊會資訊";
    const SIMPLIFIED: &str = "这骗账网话码钱们为录举报没关认证设备请时个发现邮电务护换级链联对该贴经际错试问误类线输权详记间称户冻结验词号码币转汇单点击会资讯";
    let (mut cjk, mut latin, mut trad, mut simp, mut other) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            latin += 1;
        } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            cjk += 1;
            if TRADITIONAL.contains(c) && !SIMPLIFIED.contains(c) {
                trad += 1;
            } else if SIMPLIFIED.contains(c) && !TRADITIONAL.contains(c) {
                simp += 1;
            }
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    if cjk > 0 && cjk * 3 >= latin {
        if simp > trad {
            Language::ZhHans
        } else {
            Language::ZhHant
        }
    } else if latin > 0 && latin >= other {
        Language::En
    } else {
        Language::Other
    }
}
