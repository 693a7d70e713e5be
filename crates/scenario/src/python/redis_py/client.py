# What redis-py does in Python over the methods the model writes in Rust: a generator
# can wait (each get_message parks the thread), a Rust method cannot yield, and a
# transaction calls back into the learner's code between its commands.


class Redis:

    def transaction(self, func, *watches, shard_hint=None, value_from_callable=False,
                    watch_delay=None):
        from redis.exceptions import WatchError
        with self.pipeline(True, shard_hint) as pipe:
            while True:
                try:
                    if watches:
                        pipe.watch(*watches)
                    func_value = func(pipe)
                    exec_value = pipe.execute()
                    return func_value if value_from_callable else exec_value
                except WatchError:
                    if watch_delay is not None and watch_delay > 0:
                        import time
                        time.sleep(watch_delay)


class PubSub:

    def listen(self):
        while self.subscribed:
            message = self.get_message(timeout=None)
            if message is not None:
                yield message
