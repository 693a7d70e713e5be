# __len__、__getitem__、__contains__: 让对象像容器一样使用
class Playlist:
    def __init__(self, name, songs):
        self.name = name
        self.songs = list(songs)

    def __len__(self):
        return len(self.songs)

    def __getitem__(self, index):
        print(f'  __getitem__({index!r})')
        return self.songs[index]

    def __contains__(self, song):
        return song.lower() in (s.lower() for s in self.songs)


mix = Playlist('周末', ['Yesterday', 'Hey Jude', 'Let It Be'])
print(len(mix), bool(mix), bool(Playlist('空', [])))
print(mix[0], mix[-1])
print(mix[0:2])                      # 切片也交给 __getitem__ (slice 对象)
print('hey jude' in mix, 'Help' in mix)

# 只有 __getitem__ 也能迭代: 从 0 开始直到 IndexError
for song in mix:
    print('playing', song)
print(list(Playlist('two', 'ab')))
try:
    mix[10]
except IndexError as e:
    print('IndexError:', e)


class Grid:
    def __init__(self):
        self.cells = {}

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __getitem__(self, key):
        return self.cells.get(key, '.')

    def __delitem__(self, key):
        del self.cells[key]


g = Grid()
g[0, 0] = 'X'
g[1, 2] = 'O'
del g[0, 0]
print(g[0, 0], g[1, 2], g.cells)
try:
    len(g)
except TypeError as e:
    print('TypeError:', e)
