-- wrk -s post.lua http://127.0.0.1:PORT/api/v1/inbox/survey-responses
-- Answers the demo survey deo-2026 (public/api/v1/surveys); change `answers` for another.
-- wrk script: every request posts a new survey response with a unique id.
local counter = 0
local threads = {}
local run = os.time() % 4294967296

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local answers = '[{"question":"info_clear","value":4},{"question":"goals_known","value":true},' ..
  '{"question":"goals_together","value":5},{"question":"mentor_listens","value":4},' ..
  '{"question":"mentor_grade","value":8},{"question":"lives_with_us","value":false},' ..
  '{"question":"rules_clear","value":3},{"question":"contact_amount","value":"right"},' ..
  '{"question":"feels_safe","value":4},{"question":"had_complaint","value":false},' ..
  '{"question":"future_help","value":["work","money"]},{"question":"overall","value":7},' ..
  '{"question":"tip","value":"Meer tijd voor gesprekken."}]'

function request()
  counter = counter + 1
  local id = string.format("%08x-%04x-4000-8000-%012x", run, tid, counter)
  local body = '{"schema":"koers.survey-response/1","id":"' .. id .. '","survey_id":"deo-2026",' ..
    '"survey_version":1,"submitted_at":"2026-11-20T10:00:00+01:00","language":"nl","mode":"personal",' ..
    '"participant_id":null,"answers":' .. answers .. '}'
  return wrk.format(nil, nil, nil, body)
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 201 and not reported then
    reported = true
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, non-2xx/3xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
