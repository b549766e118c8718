# 输入及请求错误：error-<代码>

error-empty = 请粘贴要核查的网站、邮箱地址、电话号码、账户或钱包地址。
error-too_long = 内容太长：请只粘贴要核查的链接、地址或名称，最多 { $max } 个字符。
error-binary = 内容含有控制字符或二进制数据。请以纯文本重新粘贴。
error-bad_punycode = 这个网址中的“{ $label }”部分不是有效的国际化名称。
error-invalid_domain = 这不是有效的网址。
error-invalid_url = 这不是有效的链接。
error-label_too_long = 这个网址有一部分太长：每个以点分隔的部分最多只能有 63 个字符。
error-invalid_character = 这个网址含有网站名称中不允许使用的字符。
error-bad_checksum = 这个 { $chain } 地址的校验码不正确：有字符被更改或输错。请与原地址逐个字符核对。
error-invalid_address = 这不是有效的钱包地址。
error-invalid_phone = 这不是有效的电话号码。
error-missing_region = 请在电话号码前加上国家或地区代码，例如香港是 +852。
error-invalid_email = 这不是有效的邮箱地址。
error-invalid_handle = 这不是有效的账户名称。
error-unrecognized = 这不是网站、邮箱地址、电话号码、账户或钱包地址。
error-not_of_kind = 这不是有效的{ $kind }。
error-too_many = 一次请求的项目太多：每次最多只能核查 { $max } 项。
error-bad_request = 我们无法理解这个请求。请检查后重试。
error-unauthorized = 你需要登录或提供有效的访问密钥，才能进行此操作。
error-forbidden = 你没有权限进行此操作。
error-not_found = 找不到你要查看的内容。
error-internal = 我们的系统出现问题。请稍后再试。
