-- Writes one cache entry and its time to live in one step, so no entry is ever left without an expiry.
-- KEYS[1]: the entry (a hash); ARGV[1]: TTL in ms; ARGV[2..]: field, value, field, value, ...
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
