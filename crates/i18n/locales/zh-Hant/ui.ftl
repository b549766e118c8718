# 網頁：「核實」頁面及頁尾。

ui-site-name = antiscam
ui-verify-title = 真的是我們嗎？
ui-verify-intro = 查核網站、電郵、電話號碼、社交媒體帳戶或錢包地址是否真的屬於 { $brand }、是否冒充 { $brand }，或是否已被舉報為詐騙。
ui-input-label = 網站、電郵、電話號碼、帳戶或錢包地址
ui-input-placeholder = 貼上連結、電郵、電話號碼、帳戶或錢包地址
ui-submit = 查核
ui-examples = 例子
ui-result-heading = { $input } 的查核結果
ui-normalized = 查核內容
ui-kind = 類型
ui-technique = 冒充手法
ui-official-channel = 官方渠道
ui-reports = 舉報
ui-no-record-note = 沒有紀錄並不代表安全。
ui-report-cta = 舉報詐騙
ui-language = 語言
ui-footer = antiscam — 聯合防騙行動的一部分。如有懷疑，請致電「防騙易18222」熱線。
ui-learn-tactics = 認識常見騙案手法
ui-error-heading = 我們無法查核這個內容
