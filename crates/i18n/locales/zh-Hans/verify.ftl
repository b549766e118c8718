# 核验结果：判定、建议、类型、原因及仿冒手法（简体中文）。
# 中文没有单复数之分，数字直接放入句子。

## 判定

verdict-official = 官方
verdict-formerly_official = 曾为官方
verdict-impersonation = 仿冒
verdict-reported_scam = 已被举报诈骗
verdict-unknown = 无记录
verdict-invalid = 无法识别

## 建议

advice-official = 这属于 { $brand }。即便如此，也不要向任何人透露你的密码、双重验证码或助记词，包括 { $brand } 的工作人员。
advice-formerly_official = { $brand } 已不再使用这个渠道，请不要相信来自它的消息。如需联系 { $brand }，请只使用其官方网站上列出的渠道。
advice-impersonation = 这是仿冒 { $brand } 的渠道：不要点击、回复、付款或提供任何信息。请举报它，并只通过官方渠道联系 { $brand }。
advice-reported_scam = 已有其他人举报这是诈骗：请立即停止联系，不要转账或发送任何加密货币。如已遭受损失，请立即报警（在香港可拨打“防骗易18222”热线）。
advice-unknown = 我们没有这个的记录，但没有记录并不代表安全。采取任何行动之前，请先通过官方渠道核实。
advice-invalid = 我们无法将其识别为网站、邮箱地址、电话号码、账户或钱包地址。请检查后重试。

## 类型

kind-domain = 网站
kind-url = 链接
kind-ip = IP 地址
kind-email = 邮箱地址
kind-email_domain = 邮件域名
kind-phone = 电话号码
kind-x = X（Twitter）账户
kind-telegram = Telegram 账户
kind-instagram = Instagram 账户
kind-facebook = Facebook 账户
kind-youtube = YouTube 频道
kind-tiktok = TikTok 账户
kind-discord = Discord 邀请链接
kind-whatsapp = WhatsApp 号码
kind-handle = 账户
kind-address = 钱包地址

## 举报的严重程度

severity-suspected = 多人举报，尚未经分析人员审核
severity-confirmed = 已经分析人员确认

## 原因

reason-official = 这是 { $brand } 的官方{ $kind }。
reason-official-parent = { $value } 属于 { $parent }，而 { $parent } 是 { $brand } 的官方域名。
reason-official-mail = { $domain } 是 { $brand } 的官方邮件域名。但发件人地址可以伪造，所以仍然不要透露你的密码、验证码或助记词。
reason-retired = { $brand } 以前使用过这个{ $kind }，但现已停用：它现在可能已落入他人之手。
reason-website-not-mail = { $domain } 是 { $brand } 的网站，但 { $brand } 不会用它发送邮件。
reason-reported = 已被举报诈骗 { $count } 次（{ $severity }）。首次发现于 { $first_seen }，最近一次发现于 { $last_seen }。
reason-reported-parent = 它的上级域名 { $parent } 已被举报为诈骗。
reason-reported-domain = 这个{ $kind }所用的域名 { $domain } 已被举报为诈骗。
reason-no-record = 我们没有这个的记录，但这并不能证明它是安全的。
reason-userinfo = 这个链接看似指向 { $shown }，但“@”之前的内容都会被忽略：它实际打开的是 { $real }。
reason-invalid = { $problem }

## 仿冒手法

technique-homoglyph = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是使用外形相似的字符：{ $pairs }。
pair = 用“{ $found }”代替“{ $expected }”
list-separator = 、
technique-insertion = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是多加了“{ $found }”。
technique-omission = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是漏掉了“{ $expected }”。
technique-replacement = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是把“{ $expected }”换成“{ $found }”。
technique-replacement-keyboard = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是把“{ $expected }”换成“{ $found }”：两者是键盘上相邻的按键，很容易看漏。
technique-transposition = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是调换了两个字母（“{ $found }”而不是“{ $expected }”）。
technique-repetition = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是重复了“{ $found }”。
technique-vowel_swap = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是把元音“{ $expected }”改成“{ $found }”。
technique-bit_flip = 这是在仿冒 { $brand } 的官方渠道 { $target }，用“{ $found }”代替“{ $expected }”：两者在计算机中只差一个比特，可能因设备出错而被误访问（比特抢注）。
technique-hyphenation = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是加入了连字符。
technique-plural = 这是在仿冒 { $brand } 的官方渠道 { $target }，手法是在结尾加上“{ $found }”。
technique-combosquatting = 这使用了 { $brand } 的名称“{ $token }”，再加上其他词语（{ $extra }），让它看起来像官方。{ $brand } 的真实地址是 { $target }。
technique-subdomain_abuse = 这把 { $target } 放在另一个网站地址的开头，让它看起来像 { $brand }，但这个网站其实是 { $registrable }。
technique-tld_swap = 这是在仿照 { $brand } 的官方地址 { $target }，但结尾是“.{ $found }”而不是“.{ $expected }”。
technique-separator = 这是在仿冒 { $brand } 的账户 { $target }，手法是加入了分隔符（_ . -）。
technique-display_name = 发件人名称自称是 { $brand }，但邮箱地址属于 { $domain }，而这个域名并不属于 { $brand }。
technique-freemail_brand = 这个邮箱地址在免费邮箱服务（{ $domain }）上使用 { $brand } 的名称。{ $brand } 不会用免费邮箱与你联系。
technique-address_poisoning = 这个地址的开头是 { $start }、结尾是 { $end }，与 { $brand } 的地址 { $target } 相似，但其实是另一个地址。诈骗分子会生成外观相似的地址，混入你的交易记录：转账前请核对完整地址。
technique-userinfo_trick = 这个链接把 { $target } 藏在“@”之前，让它看起来像 { $brand }，但浏览器会忽略这部分。

## 仿冒手法的简称

technique-name-homoglyph = 相似字符
technique-name-insertion = 多加字符
technique-name-omission = 漏掉字符
technique-name-replacement = 替换字符
technique-name-transposition = 字母调换
technique-name-repetition = 重复字母
technique-name-vowel_swap = 替换元音
technique-name-bit_flip = 一个比特之差
technique-name-hyphenation = 加入连字符
technique-name-plural = 加上结尾
technique-name-combosquatting = 品牌名称加上其他词语
technique-name-subdomain_abuse = 品牌名称放在其他网站前面
technique-name-tld_swap = 更换域名后缀
technique-name-separator = 加入分隔符
technique-name-display_name = 伪造发件人名称
technique-name-freemail_brand = 免费邮箱冒用品牌名称
technique-name-address_poisoning = 相似的钱包地址
technique-name-userinfo_trick = 伪装链接

## Added for issue 11: a dot inserted into an official name.

technique-dot_insertion = 这个网址在 { $brand } 的官方网址 { $target } 的名称中间插入一个点来冒充它，但这个网站其实是 { $registrable }。
technique-name-dot_insertion = 名称中插入点号
reason-listed = 已被数据来源 { $sources } 列为诈骗。首次发现于 { $first_seen }，最近一次发现于 { $last_seen }。
source-unnamed = 未具名来源

## A compromised official channel (issue 14).

verdict-official_compromised = 官方但已被盗用
advice-official_compromised = 自 { $since } 起，这个 { $brand } 渠道已被他人控制。请不要按照它的指示操作，不要点击它的链接，也不要向它发送钱款、加密货币、密码或验证码。请只通过 { $brand } 的其他官方渠道联系：{ $channels }。
advice-compromised-no-channels = 其官方应用内列出的渠道
reason-compromised = { $brand } 表示，这个{ $kind }自 { $since } 起已被他人盗用：它仍属于该品牌，但由它发出的消息并非来自该品牌。
