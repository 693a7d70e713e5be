# Python 2 的 raise E, "message"
raise ValueError, "bad value"
