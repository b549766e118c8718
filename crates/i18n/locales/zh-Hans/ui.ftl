# 网页：“核验”页面及页脚。

ui-site-name = antiscam
ui-verify-title = 真的是我们吗？
ui-verify-intro = 核查网站、邮箱、电话号码、社交媒体账户或钱包地址是否真的属于 { $brand }、是否仿冒 { $brand }，或是否已被举报为诈骗。
ui-input-label = 网站、邮箱、电话号码、账户或钱包地址
ui-input-placeholder = 粘贴链接、邮箱、电话号码、账户或钱包地址
ui-submit = 核查
ui-examples = 示例
ui-result-heading = { $input } 的核查结果
ui-normalized = 核查内容
ui-kind = 类型
ui-technique = 仿冒手法
ui-official-channel = 官方渠道
ui-reports = 举报
ui-no-record-note = 没有记录并不代表安全。
ui-report-cta = 举报诈骗
ui-language = 语言
ui-footer = antiscam — 联合防骗行动的一部分。如有怀疑，请拨打“防骗易18222”热线。
ui-learn-tactics = 了解常见诈骗手法
ui-error-heading = 我们无法核查这个内容
