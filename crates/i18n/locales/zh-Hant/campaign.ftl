# Withdrawal screening: the risk signals of a withdrawal (`campaign-signal-<code>`),
# shown to the user in plain language.

campaign-signal-reported_scam = 此地址已被舉報為騙案 { $count } 次。請勿轉賬至此地址：款項一經轉出，通常無法追回。
campaign-signal-address_poisoning = 此地址看似您曾轉賬的地址 { $counterparty }，但其實是另一個地址。騙徒會製造相似地址，誘使您複製錯誤的地址：請對照可信來源逐個字元核對。
campaign-signal-imitates_official = 此地址冒充 { $brand } 的官方地址，但並不屬於對方。
campaign-signal-official_compromised = 此地址屬於 { $brand }，但 { $brand } 已公布它自 { $since } 起不再由其控制：轉到此地址的資產將會損失。請勿轉帳，並透過 { $brand } 的其他官方渠道核實地址。
campaign-signal-new_destination = 您從未向此地址轉賬。
campaign-signal-first_withdrawal = 這是您帳戶的首次提款。
campaign-signal-large_amount = 此金額是您平常提款金額的 { $ratio } 倍。
campaign-signal-recent_security_change = 您的密碼、雙重認證、裝置或電郵於 { $hours } 小時前更改。如非您本人操作，請立即停止並聯絡我們。
campaign-signal-young_account = 您的帳戶於 { $days } 日前開立。
campaign-signal-reported_scam-suspected = 此地址已被多人舉報為騙案 { $count } 次，分析員尚未確認。除非您確定地址的擁有人，否則請勿轉賬。
