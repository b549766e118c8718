# 輸入及請求錯誤：error-<代碼>

error-empty = 請貼上要查核的網站、電郵地址、電話號碼、帳戶或錢包地址。
error-too_long = 內容太長：請只貼上要查核的連結、地址或名稱，最多 { $max } 個字元。
error-binary = 內容含有控制字元或二進位資料。請以純文字重新貼上。
error-bad_punycode = 這個網址中的「{ $label }」部分不是有效的國際化名稱。
error-invalid_domain = 這不是有效的網址。
error-invalid_url = 這不是有效的連結。
error-label_too_long = 這個網址有一部分太長：每個以點分隔的部分最多只可有 63 個字元。
error-invalid_character = 這個網址含有網站名稱不允許使用的字元。
error-bad_checksum = 這個 { $chain } 地址的校驗碼不正確：有字元被更改或輸入錯誤。請與原本的地址逐個字元核對。
error-invalid_address = 這不是有效的錢包地址。
error-invalid_phone = 這不是有效的電話號碼。
error-missing_region = 請在電話號碼前加上國家或地區代碼，例如香港是 +852。
error-invalid_email = 這不是有效的電郵地址。
error-invalid_handle = 這不是有效的帳戶名稱。
error-unrecognized = 這不是網站、電郵地址、電話號碼、帳戶或錢包地址。
error-not_of_kind = 這不是有效的{ $kind }。
error-too_many = 一次請求的項目太多：每次最多只可查核 { $max } 項。
error-bad_request = 我們無法理解這個請求。請檢查後再試一次。
error-unauthorized = 你需要登入或提供有效的存取密鑰，才可以進行這項操作。
error-forbidden = 你沒有權限進行這項操作。
error-not_found = 找不到你要查看的內容。
error-internal = 我們的系統出現問題。請稍後再試。
