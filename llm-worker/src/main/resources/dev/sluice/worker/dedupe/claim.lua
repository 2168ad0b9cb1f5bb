-- Claims a request for one holder, unless it is answered already or someone holds it.
-- KEYS[1]: the request's record: 'done', or 'held:' .. the holder's token. ARGV[1]: token; ARGV[2]: claim TTL (ms).
-- Returns {'done', 0}, {'held', ms the claim has left} or {'claimed', 0}.
local state = redis.call('GET', KEYS[1])
if state == 'done' then
  return {'done', 0}
end
if state then
  return {'held', redis.call('PTTL', KEYS[1])}
end
redis.call('SET', KEYS[1], 'held:' .. ARGV[1], 'PX', ARGV[2])
return {'claimed', 0}
