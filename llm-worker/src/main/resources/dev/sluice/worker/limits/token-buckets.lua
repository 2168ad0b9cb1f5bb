-- Takes from one or more token buckets at once, by Redis's clock, so every replica shares one limit.
--
-- KEYS: one hash per bucket: its level and the time (ms) the level was computed.
-- ARGV[1]: the longest wait (ms) the caller can accept; ARGV[2]: '1' to take whatever the wait (corrections)
-- ARGV[3i], ARGV[3i+1], ARGV[3i+2]: bucket i's capacity, refill period (ms: the capacity refills in one period) and
--   the amount to take from it (negative gives back, never past the capacity).
--
-- A bucket refills continuously at capacity/period. A take that every bucket can cover within the accepted wait is
-- taken from all of them at once, even if that leaves a level below zero: the debt is the wait of the takes behind
-- it, so waiting callers are queued in order instead of all asking again at the same moment.
-- Returns {granted (1|0), wait ms before the caller may start, the 1-based bucket that set the wait (0: none),
-- Redis's time in ms}.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local max_wait = tonumber(ARGV[1])
local force = ARGV[2] == '1'

local levels = {}
local wait, limiting = 0, 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[3 * i])
  local rate = capacity / tonumber(ARGV[3 * i + 1])
  local take = tonumber(ARGV[3 * i + 2])
  local level = capacity
  local state = redis.call('HMGET', key, 'level', 'at')
  if state[1] then
    -- A clock that went back (a failover to a replica) refills nothing rather than draining the bucket.
    level = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
  end
  levels[i] = level
  if take > 0 and level < take then
    local needed = (take - level) / rate
    if needed > wait then
      wait, limiting = needed, i
    end
  end
end

if wait > max_wait and not force then
  return {0, math.ceil(wait), limiting, math.floor(now)}
end

for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[3 * i])
  local rate = capacity / tonumber(ARGV[3 * i + 1])
  local level = math.min(capacity, levels[i] - tonumber(ARGV[3 * i + 2]))
  -- Written in full: tostring keeps 14 digits, which would round the time to 0.1 ms and let the limit drift.
  redis.call('HSET', key, 'level', string.format('%.17g', level), 'at', string.format('%.3f', now))
  -- A missing bucket reads as full, so a bucket is kept only until it would be full again.
  redis.call('PEXPIRE', key, math.ceil((capacity - level) / rate) + 1000)
end
return {1, math.ceil(wait), limiting, math.floor(now)}
