# Withdrawal screening: the risk signals of a withdrawal (`campaign-signal-<code>`),
# shown to the user in plain language.

campaign-signal-reported_scam = 此地址已被举报为诈骗 { $count } 次。请勿向此地址转账：款项一经转出，通常无法追回。
campaign-signal-address_poisoning = 此地址看似您曾转账的地址 { $counterparty }，但其实是另一个地址。骗子会制造相似地址，诱使您复制错误的地址：请对照可信来源逐个字符核对。
campaign-signal-imitates_official = 此地址冒充 { $brand } 的官方地址，但并不属于对方。
campaign-signal-official_compromised = 此地址属于 { $brand }，但 { $brand } 已公布它自 { $since } 起不再由其控制：转到此地址的资产将会损失。请勿转账，并通过 { $brand } 的其他官方渠道核实地址。
campaign-signal-new_destination = 您从未向此地址转账。
campaign-signal-first_withdrawal = 这是您账户的首次提现。
campaign-signal-large_amount = 此金额是您平常提现金额的 { $ratio } 倍。
campaign-signal-recent_security_change = 您的密码、双重认证、设备或邮箱于 { $hours } 小时前更改。如非您本人操作，请立即停止并联系我们。
campaign-signal-young_account = 您的账户于 { $days } 天前开立。
campaign-signal-reported_scam-suspected = 此地址已被多人举报为诈骗 { $count } 次，分析员尚未确认。除非您确定地址的所有者，否则请勿转账。
