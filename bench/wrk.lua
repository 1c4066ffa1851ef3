-- wrk script: cycles through the requests listed in the file named by BENCH_REQUESTS (one
-- request a line: METHOD<TAB>PATH<TAB>BODY) and stops each thread after BENCH_MAX_REQUESTS
-- answers, so a run is bounded in count as well as in time (-d).

local requests = {}
local index = 0
local answers = 0
local max_answers = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "0")

local function load(path)
  for line in io.lines(path) do
    local headers = {["Content-Type"] = "application/json"}
    local authorization = os.getenv("BENCH_AUTHORIZATION")
    if authorization ~= nil then headers["Authorization"] = authorization end
    local method, target, body = line:match("^(%u+)\t([^\t]+)\t?(.*)$")
    if method ~= nil then
      if body == "" then body = nil end
      requests[#requests + 1] = wrk.format(method, target, headers, body)
    end
  end
end

-- In init, not at load time: only then does wrk know the Host header to send.
function init(args)
  load(os.getenv("BENCH_REQUESTS"))
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function response(status, headers, body)
  answers = answers + 1
  if max_answers > 0 and answers >= max_answers then
    wrk.thread:stop()
  end
end
