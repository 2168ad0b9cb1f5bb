-- Extends a claim, only if it is still the holder's (it may have expired and been claimed by another).
-- KEYS[1]: the request's record; ARGV[1]: the holder's token; ARGV[2]: the new TTL (ms). Returns 1 when extended.
if redis.call('GET', KEYS[1]) == 'held:' .. ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
