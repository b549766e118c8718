# 詐騙舉報及申訴（issue 5）：回條及各欄位的問題。

report-received = 謝謝。你的舉報已收到，編號為 { $reference }。請保留此編號，警方可能會向你查詢。
dispute-received = 你的申訴已收到，編號為 { $reference }。分析員會覆核這項列入紀錄。

report-field-missing_content = 請至少提供一個網址、電話號碼、帳戶或錢包地址，或你收到的訊息。
report-field-too_many_indicators = 每份舉報最多可提交 { $max } 項資料。
report-field-text_too_long = 訊息太長：最多 { $max } 個字元。
report-field-invalid_text = 訊息含有控制字元或二進位資料，請以純文字重新貼上。
report-field-unknown_channel = 請從清單中選擇騙徒聯絡你的途徑。
report-field-unknown_region = 請從清單中選擇國家或地區。
report-field-invalid_amount = 請以數字填寫損失金額，例如 1500 或 0.25。
report-field-missing_amount = 請同時填寫損失金額及貨幣或代幣。
report-field-invalid_asset = 請以代碼填寫貨幣或代幣，例如 USDT、BTC 或 HKD。
report-field-missing_asset = 請同時填寫損失的貨幣或代幣及金額。
report-field-invalid_date = 請填寫事發的日期及時間。
report-field-date_out_of_range = 日期不可以是將來或 2000 年以前。
report-field-missing_contact = 如希望警方聯絡你，請提供電話號碼或電郵地址。
report-field-contact_too_long = 聯絡資料太長：最多 { $max } 個字元。
report-field-invalid_contact = 聯絡資料含有控制字元，請重新輸入。
report-field-missing_reason = 請說明為何這項列入紀錄有誤。
report-field-reason_too_long = 說明太長：最多 { $max } 個字元。
