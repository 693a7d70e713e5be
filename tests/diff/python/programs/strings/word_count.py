# 统计单词出现的次数
text = '''RabbitMQ is a message broker. A message broker accepts and forwards messages.
You can think about it as a post office: when you put the mail that you want
posting in a post box, you can be sure that the letter carrier will deliver the
mail to your recipient.'''

counts = {}
for word in text.lower().split():
    word = word.strip('.,:;!?')
    counts[word] = counts.get(word, 0) + 1

print('distinct words:', len(counts))
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for word, n in top:
    print(f'{word:<10}{n:>3} {"#" * n}')
print('longest:', max(counts, key=len))
print('first seen order:', list(counts)[:5])

letters = {}
for ch in text.lower():
    if ch.isalpha():
        letters[ch] = letters.get(ch, 0) + 1
print(''.join(sorted(letters, key=lambda c: (-letters[c], c))[:5]))
