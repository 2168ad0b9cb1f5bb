return redis.error_reply('deliberate failure')
