-- wrk script: publishes message.created events as fast as wrk's connections allow, each with its own event id
-- (the idempotency key "<BENCH_RUN>-<n>"), and ends wrk once BENCH_EVENTS were accepted (202). Use one wrk thread
-- (-t1): the count is the thread's. Settings from the environment:
--   BENCH_API_KEY   the tenant's API key (Authorization: Bearer)
--   BENCH_RUN       a prefix unique to this run, so ids never collide with earlier runs
--   BENCH_EVENTS    accepted publications before wrk ends
-- The URL is http://host:port/api/v1/chatbots/<chatbotId>/events. wrk's -d is only an upper bound: the thread stops
-- itself, and SIGINT (wrk's Ctrl-C) ends wrk's wait for -d, so "requests in" and "Requests/sec" cover the real run.
-- The last line is "PUBLISHED accepted=N other=M" (answers other than 202; wrk also ends after BENCH_EVENTS of those,
-- so a misconfigured run does not take -d to end).
local api_key = os.getenv("BENCH_API_KEY") or error("BENCH_API_KEY is not set")
local run = os.getenv("BENCH_RUN") or error("BENCH_RUN is not set")
local target = tonumber(os.getenv("BENCH_EVENTS") or error("BENCH_EVENTS is not set"))

local data = '{"message_id":"msg_%d","conversation_id":"conv_%d","threadId":"conv_%d",'
  .. '"sender_type":"ai","body":"To reset your password, click on \'Forgot Password\' on the login page.",'
  .. '"question":"How do I reset my password?","messageType":"NORMAL_MESSAGE","gptModel":"gpt-4o-mini",'
  .. '"sources":["https://example.com/docs/page1"],"visitor_name":"John Doe","visitor_email":"john@example.com",'
  .. '"current_url":"https://example.com/products","status":"open","created_at":"2025-01-15T10:31:00.000Z"}'
local template = '{"type":"message.created","id":"%s-%d","data":' .. data .. '}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Globals, so that done() can read them through thread:get().
sent = 0
accepted = 0
other = 0
local stopping = false
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. api_key }

function request()
  sent = sent + 1
  local n = sent
  return wrk.format("POST", nil, headers, string.format(template, run, n, n, n % 1000, n % 1000))
end

function response(status, _, _)
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
  if not stopping and (accepted >= target or other >= target) then
    stopping = true
    wrk.thread:stop()
    -- SIGINT ends wrk's sleep through -d. $PPID of the shell is wrk; the kill runs in the background after this
    -- thread has ended (system() ignores SIGINT while it waits, and the signal must reach wrk's main thread).
    os.execute("(sleep 0.1; kill -INT $PPID) >/dev/null 2>&1 &")
  end
end

function done(_, _, _)
  local total_accepted, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + (thread:get("accepted") or 0)
    total_other = total_other + (thread:get("other") or 0)
  end
  io.write(string.format("PUBLISHED accepted=%d other=%d\n", total_accepted, total_other))
end
