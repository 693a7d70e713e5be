# pika.delivery_mode: DeliveryMode.Transient (1) and DeliveryMode.Persistent (2), an
# enum's members as python3 prints them.


class _Member:
    def __init__(self, name, value):
        self.name = name
        self.value = value

    def __repr__(self):
        return '<DeliveryMode.%s: %d>' % (self.name, self.value)

    def __str__(self):
        return 'DeliveryMode.' + self.name

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self.name)


class DeliveryMode:
    Transient = _Member('Transient', 1)
    Persistent = _Member('Persistent', 2)
