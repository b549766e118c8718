# 诈骗举报及申诉（issue 5）：回执及各字段的问题。

report-received = 谢谢。你的举报已收到，编号为 { $reference }。请保留此编号，警方可能会向你查询。
dispute-received = 你的申诉已收到，编号为 { $reference }。分析员会复核这项列入记录。

report-field-missing_content = 请至少提供一个网址、电话号码、账户或钱包地址，或你收到的消息。
report-field-too_many_indicators = 每份举报最多可提交 { $max } 项资料。
report-field-text_too_long = 消息太长：最多 { $max } 个字符。
report-field-invalid_text = 消息含有控制字符或二进制数据，请以纯文本重新粘贴。
report-field-unknown_channel = 请从列表中选择骗子联系你的途径。
report-field-unknown_region = 请从列表中选择国家或地区。
report-field-invalid_amount = 请以数字填写损失金额，例如 1500 或 0.25。
report-field-missing_amount = 请同时填写损失金额及货币或代币。
report-field-invalid_asset = 请以代码填写货币或代币，例如 USDT、BTC 或 HKD。
report-field-missing_asset = 请同时填写损失的货币或代币及金额。
report-field-invalid_date = 请填写事发的日期及时间。
report-field-date_out_of_range = 日期不可以是将来或 2000 年以前。
report-field-missing_contact = 如希望警方联系你，请提供电话号码或电子邮件地址。
report-field-contact_too_long = 联系资料太长：最多 { $max } 个字符。
report-field-invalid_contact = 联系资料含有控制字符，请重新输入。
report-field-missing_reason = 请说明为何这项列入记录有误。
report-field-reason_too_long = 说明太长：最多 { $max } 个字符。
