# raise ... from ...: 明确的因果链, 未捕获时两个 traceback 都会打印
class ConfigError(Exception):
    pass


def read_port(settings):
    try:
        return int(settings['port'])
    except (KeyError, ValueError) as e:
        raise ConfigError('port setting is broken') from e


print(read_port({'port': '6379'}))
print(read_port({'port': 'sixty'}))
