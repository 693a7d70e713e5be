# traceback 经过方法和 lambda
class Ranking:
    def __init__(self, players):
        self.players = players

    def top(self, n):
        ranked = sorted(self.players, key=lambda p: p['score'] / p['games'])
        return [p['name'] for p in ranked[-n:]]


r = Ranking([
    {'name': 'ann', 'score': 30, 'games': 3},
    {'name': 'bob', 'score': 50, 'games': 4},
])
print(r.top(1))
r.players.append({'name': 'new', 'score': 0, 'games': 0})
print(r.top(2))
