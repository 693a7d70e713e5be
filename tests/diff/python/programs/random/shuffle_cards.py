# 洗牌和发牌
import random

suits = ['♠', '♥', '♣', '♦']
ranks = ['A', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'J', 'Q', 'K']
deck = [s + r for s in suits for r in ranks]
print(len(deck), deck[:5])
random.seed(99)
random.shuffle(deck)
players = {name: [] for name in ('东', '南', '西', '北')}
for i, card in enumerate(deck[:20]):
    name = list(players)[i % 4]
    players[name].append(card)
for name, hand in players.items():
    print(name, ' '.join(hand))
print('left in deck:', len(deck) - 20, 'top card:', deck[20])
random.shuffle(deck)
print(deck[:3])
