# 核實結果：判定、建議、類型、原因及冒充手法（香港繁體中文）。
# 中文沒有單複數之分，數字直接放入句子。

## 判定

verdict-official = 官方
verdict-formerly_official = 曾為官方
verdict-impersonation = 冒充
verdict-reported_scam = 已被舉報詐騙
verdict-unknown = 沒有紀錄
verdict-invalid = 無法辨識

## 建議

advice-official = 這屬於 { $brand }。即使如此，切勿向任何人透露你的密碼、雙重認證碼或助記詞（恢復短語），包括 { $brand } 的職員。
advice-formerly_official = { $brand } 已不再使用這個渠道，請不要相信由它發出的訊息。如要聯絡 { $brand }，請只使用其官方網站列出的渠道。
advice-impersonation = 這是冒充 { $brand } 的渠道：切勿點擊、回覆、付款或提供任何資料。請舉報它，並只透過官方渠道聯絡 { $brand }。
advice-reported_scam = 已有其他人舉報這是詐騙：請立即停止聯絡，切勿轉帳或發送任何加密貨幣。如已損失金錢，請即報警（在香港可致電「防騙易18222」熱線）。
advice-unknown = 我們沒有這個的紀錄，但沒有紀錄並不代表安全。採取任何行動之前，請先向官方渠道查證。
advice-invalid = 我們無法將這個識別為網站、電郵地址、電話號碼、帳戶或錢包地址。請檢查後再試一次。

## 類型

kind-domain = 網站
kind-url = 連結
kind-ip = IP 地址
kind-email = 電郵地址
kind-email_domain = 電郵網域
kind-phone = 電話號碼
kind-x = X（Twitter）帳戶
kind-telegram = Telegram 帳戶
kind-instagram = Instagram 帳戶
kind-facebook = Facebook 帳戶
kind-youtube = YouTube 頻道
kind-tiktok = TikTok 帳戶
kind-discord = Discord 邀請連結
kind-whatsapp = WhatsApp 號碼
kind-handle = 帳戶
kind-address = 錢包地址

## 舉報的嚴重程度

severity-suspected = 多人舉報，尚未經分析員審核
severity-confirmed = 已經分析員確認

## 原因

reason-official = 這是 { $brand } 的官方{ $kind }。
reason-official-parent = { $value } 屬於 { $parent }，而 { $parent } 是 { $brand } 的官方網域。
reason-official-mail = { $domain } 是 { $brand } 的官方電郵網域。不過寄件人地址可以偽造，所以仍然切勿透露你的密碼、驗證碼或助記詞。
reason-retired = { $brand } 以前使用過這個{ $kind }，但現已停用：它現在可能已落入他人手中。
reason-website-not-mail = { $domain } 是 { $brand } 的網站，但 { $brand } 不會用它發送電郵。
reason-reported = 已被舉報詐騙 { $count } 次（{ $severity }）。首次發現於 { $first_seen }，最近一次發現於 { $last_seen }。
reason-reported-parent = 它的上層網域 { $parent } 已被舉報為詐騙。
reason-reported-domain = 這個{ $kind }所用的網域 { $domain } 已被舉報為詐騙。
reason-no-record = 我們沒有這個的紀錄，但這並不證明它是安全的。
reason-userinfo = 這條連結看似前往 { $shown }，但「@」之前的內容都會被忽略：它實際開啟的是 { $real }。
reason-invalid = { $problem }

## 冒充手法

technique-homoglyph = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是使用外形相似的字元：{ $pairs }。
pair = 以「{ $found }」代替「{ $expected }」
list-separator = 、
technique-insertion = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是多加了「{ $found }」。
technique-omission = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是漏掉了「{ $expected }」。
technique-replacement = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是把「{ $expected }」換成「{ $found }」。
technique-replacement-keyboard = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是把「{ $expected }」換成「{ $found }」：兩者是鍵盤上相鄰的按鍵，很容易看漏。
technique-transposition = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是對調了兩個字母（「{ $found }」而不是「{ $expected }」）。
technique-repetition = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是重複了「{ $found }」。
technique-vowel_swap = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是把元音「{ $expected }」改成「{ $found }」。
technique-bit_flip = 這是在冒充 { $brand } 的官方渠道 { $target }，以「{ $found }」代替「{ $expected }」：兩者在電腦中只差一個位元，可能因電腦出錯而被誤連（位元搶註）。
technique-hyphenation = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是加入了連字號。
technique-plural = 這是在冒充 { $brand } 的官方渠道 { $target }，手法是在結尾加上「{ $found }」。
technique-combosquatting = 這使用了 { $brand } 的名稱「{ $token }」，再加上其他字詞（{ $extra }），令它看起來像官方。{ $brand } 的真正地址是 { $target }。
technique-subdomain_abuse = 這把 { $target } 放在另一個網站地址的開頭，令它看起來像 { $brand }，但這個網站其實是 { $registrable }。
technique-tld_swap = 這是在仿照 { $brand } 的官方地址 { $target }，但結尾是「.{ $found }」而不是「.{ $expected }」。
technique-separator = 這是在冒充 { $brand } 的帳戶 { $target }，手法是加入了分隔符號（_ . -）。
technique-display_name = 寄件人名稱聲稱是 { $brand }，但電郵地址屬於 { $domain }，而這個網域並不屬於 { $brand }。
technique-freemail_brand = 這個電郵地址在免費電郵服務（{ $domain }）上使用 { $brand } 的名稱。{ $brand } 不會用免費電郵與你聯絡。
technique-address_poisoning = 這個地址的開頭是 { $start }、結尾是 { $end }，與 { $brand } 的地址 { $target } 相似，但其實是另一個地址。騙徒會製造外觀相似的地址，混入你的交易紀錄：轉帳前請核對完整地址。
technique-userinfo_trick = 這條連結把 { $target } 藏在「@」之前，令它看起來像 { $brand }，但瀏覽器會忽略這部分。

## 冒充手法的簡稱

technique-name-homoglyph = 相似字元
technique-name-insertion = 多加字元
technique-name-omission = 漏掉字元
technique-name-replacement = 替換字元
technique-name-transposition = 字母對調
technique-name-repetition = 重複字母
technique-name-vowel_swap = 替換元音
technique-name-bit_flip = 一個位元之差
technique-name-hyphenation = 加入連字號
technique-name-plural = 加上結尾
technique-name-combosquatting = 品牌名稱加上其他字詞
technique-name-subdomain_abuse = 品牌名稱放在其他網站前面
technique-name-tld_swap = 更換網域結尾
technique-name-separator = 加入分隔符號
technique-name-display_name = 偽冒寄件人名稱
technique-name-freemail_brand = 免費電郵冒用品牌名稱
technique-name-address_poisoning = 相似的錢包地址
technique-name-userinfo_trick = 偽裝連結

## Added for issue 11: a dot inserted into an official name.

technique-dot_insertion = 這個網址在 { $brand } 的官方網址 { $target } 的名稱中間插入一個點來冒充它，但這個網站其實是 { $registrable }。
technique-name-dot_insertion = 名稱中插入點號
reason-listed = 已被資料來源 { $sources } 列為騙案。首次發現於 { $first_seen }，最近一次發現於 { $last_seen }。
source-unnamed = 未具名來源

## A compromised official channel (issue 14).

verdict-official_compromised = 官方但已被盜用
advice-official_compromised = 自 { $since } 起，這個 { $brand } 渠道已被他人控制。請不要按照它的指示行事，不要點擊它的連結，也不要向它發送金錢、加密貨幣、密碼或驗證碼。請只透過 { $brand } 的其他官方渠道聯絡：{ $channels }。
advice-compromised-no-channels = 其官方應用程式內列出的渠道
reason-compromised = { $brand } 表示，這個{ $kind }自 { $since } 起已被他人盜用：它仍屬於該品牌，但由它發出的訊息並非來自該品牌。
