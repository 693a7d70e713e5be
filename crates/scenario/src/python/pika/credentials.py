# pika.credentials: the user name and password a client logs in with.


class PlainCredentials:
    TYPE = 'PLAIN'

    def __init__(self, username, password, erase_on_connect=False):
        self.username = username
        self.password = password
        self.erase_on_connect = erase_on_connect

    def __eq__(self, other):
        if isinstance(other, PlainCredentials):
            return (self.username == other.username and self.password == other.password
                    and self.erase_on_connect == other.erase_on_connect)
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result
