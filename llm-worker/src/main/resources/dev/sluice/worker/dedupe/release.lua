-- Gives up a claim, only if it is still the holder's (it may have expired and been claimed by another).
-- KEYS[1]: the request's record; ARGV[1]: the holder's token. Returns 1 when released.
if redis.call('GET', KEYS[1]) == 'held:' .. ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
