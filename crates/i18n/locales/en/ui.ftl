# Web pages: the Verify page (a form with one input, results as cards) and the footer.

ui-site-name = antiscam
ui-verify-title = Is it really us?
ui-verify-intro = Check whether a website, email, phone number, social account or wallet address really belongs to { $brand }, imitates it, or was reported as a scam.
ui-input-label = Website, email, phone number, account or wallet address
ui-input-placeholder = Paste a link, email, phone number, account or wallet address
ui-submit = Check
ui-examples = Examples
ui-result-heading = Result for { $input }
ui-normalized = Checked as
ui-kind = Type
ui-technique = Trick used
ui-official-channel = Official channel
ui-reports = Reports
ui-no-record-note = No record is not proof of safety.
ui-report-cta = Report a scam
ui-language = Language
ui-footer = antiscam — part of the Joint Anti-Scam Campaign. In doubt? Call the Anti-Scam Helpline 18222.
ui-learn-tactics = Learn the common tactics
ui-error-heading = We could not check this
