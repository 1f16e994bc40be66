-- wrk script: POST /v1/dm/messages/send, round-robin over the benchmark's session pairs.
-- Arguments (after --): <pairs file> <phase tag> <ciphertext base64> <authTag base64>
-- The pairs file has one "token sessionId recipientDeviceId" line per pair.
-- Every clientMessageId is "<phase>-<thread>-<n>-<epoch µs when the request was made>": the socket listener
-- reads the time back out of the dm:message event to time the delivery.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } convro_timespec;
int clock_gettime(int clk_id, convro_timespec *tp);
]]
local CLOCK_REALTIME = 0
local now = ffi.new("convro_timespec")

local function micros()
    ffi.C.clock_gettime(CLOCK_REALTIME, now)
    return string.format("%d%06d", tonumber(now.tv_sec), math.floor(tonumber(now.tv_nsec) / 1000))
end

local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("tid", counter)
    table.insert(threads, thread)
end

local pairs_list = {}
local next_pair = 0
local sent = 0
local phase, ciphertext, auth_tag

function init(args)
    local file = assert(io.open(args[1], "r"))
    for line in file:lines() do
        local token, session, recipient = line:match("^(%S+) (%S+) (%S+)$")
        if token then
            table.insert(pairs_list, {
                headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
                prefix = '{"sessionId":"' .. session .. '","recipientDeviceId":"' .. recipient .. '","clientMessageId":"',
            })
        end
    end
    file:close()
    assert(#pairs_list > 0, "no pairs in " .. args[1])
    phase, ciphertext, auth_tag = args[2], args[3], args[4]
    -- spread the threads over the pairs
    next_pair = (tid - 1) * math.floor(#pairs_list / 2)
end

function request()
    next_pair = next_pair % #pairs_list + 1
    sent = sent + 1
    local pair = pairs_list[next_pair]
    local body = pair.prefix .. phase .. "-" .. tid .. "-" .. sent .. "-" .. micros()
            .. '","ciphertext":"' .. ciphertext .. '","authTag":"' .. auth_tag .. '"}'
    return wrk.format("POST", "/v1/dm/messages/send", pair.headers, body)
end

function done(summary, latency, requests)
    local errors = summary.errors
    -- one machine-readable line for the bench to parse
    io.write(string.format(
            "CONVRO-WRK requests=%d duration_us=%d bytes=%d connect_errors=%d read_errors=%d write_errors=%d "
                    .. "status_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f\n",
            summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
            errors.status, errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
            latency:percentile(99.9), latency.max, latency.mean))
end
