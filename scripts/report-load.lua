-- wrk script: POST /v1/reports with varied, valid reports.
--
--   wrk -t2 -c64 -d30s -s scripts/report-load.lua http://127.0.0.1:8080
--
-- Each request names one of 20,000 scam domains and, one time in four, a phone
-- number too; carries a short message, a channel, a region, a loss and a date. Each
-- connection sends as its own client through X-Forwarded-For (honoured only when
-- the server runs with `[reports] trust_forwarded_for = true`), so distinct
-- reporters accumulate and the auto-listing rule runs under load. The script counts
-- answers by status and prints them at the end: every 201 is a durable report.

local channels = { "sms", "telegram", "whatsapp", "email", "phone", "website" }
local regions = { "HK", "TW", "SG", "GB", "US", "JP" }
local counter = 0
local threads = {}

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(id * 7919 + 17)
  created, rejected, limited, failed = 0, 0, 0, 0
end

request = function()
  counter = counter + 1
  local n = math.random(1, 20000)
  local indicators = string.format('"scam-%d.example"', n)
  if math.random(1, 4) == 1 then
    indicators = indicators .. string.format(', "+852 5%03d %04d"', math.random(0, 999), math.random(0, 9999))
  end
  local body = string.format(
    '{"indicators": [%s], "text": "Your account %d is frozen. Verify now at scam-%d.example or lose your funds.", '
      .. '"channel": "%s", "region": "%s", "loss": {"amount": "%d.%02d", "asset": "USDT"}, '
      .. '"occurred_at": "2025-%02d-%02dT%02d:15:00+08:00"}',
    indicators, counter, n,
    channels[math.random(#channels)], regions[math.random(#regions)],
    math.random(10, 50000), math.random(0, 99),
    math.random(1, 12), math.random(1, 28), math.random(0, 23))
  local client = string.format("10.%d.%d.%d", id, math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/v1/reports",
    { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = client }, body)
end

response = function(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 422 or status == 400 then
    rejected = rejected + 1
  elseif status == 429 then
    limited = limited + 1
  else
    failed = failed + 1
  end
end

done = function(summary, latency, requests)
  local c, r, l, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("rejected")
    l = l + t:get("limited")
    f = f + t:get("failed")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("201 created: %d (%.0f/s)  4xx invalid: %d  429: %d  other: %d\n",
    c, c / secs, r, l, f))
end
