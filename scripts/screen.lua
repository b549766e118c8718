-- wrk script: POST /v1/withdrawals/screen with varied users and contexts.
--
--   ANTISCAM_KEY=ask_… wrk -t2 -c32 -d30s --latency -s scripts/screen.lua http://127.0.0.1:8080
--
-- 100,000 distinct users (so histories, the frequency cap and both arms are exercised),
-- one in ten withdrawals to a new destination, one in fifty after a recent security
-- change. Every response must be 200; the summary prints any other status.

local key = os.getenv("ANTISCAM_KEY") or ""
-- Optional think time per connection (milliseconds) to hold the load near a rate,
-- e.g. SCREEN_DELAY_MS=1 with 8 connections is about 5,000 requests/s; latency is
-- measured from the send, so the pause is not counted.
local pause = tonumber(os.getenv("SCREEN_DELAY_MS") or "0")
local counter = 0
local bad = 0

local destinations = {
  "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd",
  "0x1111111111111111111111111111111111111111",
  "0x2222222222222222222222222222222222222222",
}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  wrk.method = "POST"
  wrk.path = "/v1/withdrawals/screen"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. key
end

function request()
  local user = math.random(1, 100000)
  local new = math.random(1, 10) == 1
  local change = math.random(1, 50) == 1 and ', "security_change_hours": 5' or ''
  local body = string.format(
    '{"user": "user-%d", "region": "HK", "locale": "zh-Hant", "asset": "USDT", ' ..
    '"network": "ethereum", "amount": "%d.50", "amount_usd": %d.5, "destination": "%s", ' ..
    '"context": {"new_destination": %s, "account_age_days": 400, ' ..
    '"median_withdrawal_usd_90d": 300%s, "recent_counterparties": ["%s"]}}',
    user, math.random(10, 5000), math.random(10, 5000), destinations[math.random(1, 3)],
    tostring(new), change, destinations[1])
  return wrk.format(nil, nil, nil, body)
end

if pause > 0 then
  function delay()
    return pause
  end
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if bad <= 3 then
      io.write("status ", status, ": ", body, "\n")
    end
  end
end
