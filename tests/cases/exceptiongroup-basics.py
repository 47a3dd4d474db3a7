# Exception groups: construction, str/repr, split/subgroup/derive, and except* on groups and bare exceptions.


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "+", excs)


def show(label, value):
    print(label, repr(value))


def main():
    eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3), KeyError(4)])])
    print(str(eg), "|", len(eg.exceptions), "|", eg.message)
    show("repr:", eg)
    print("is Exception:", isinstance(eg, Exception), "| is BaseExceptionGroup:", isinstance(eg, BaseExceptionGroup))
    show("exceptions:", eg.exceptions)
    match, rest = eg.split(ValueError)
    show("split match:", match)
    show("split rest:", rest)
    show("split all:", eg.split(Exception))
    show("split tuple:", eg.split((KeyError, TypeError)))
    show("subgroup none:", eg.subgroup(KeyboardInterrupt))
    show("subgroup pred:", eg.subgroup(lambda e: isinstance(e, ValueError) and e.args[0] > 1))
    show("subgroup whole:", eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "many") is eg)
    show("subgroup falsy:", eg.subgroup(lambda e: 0))
    show("derive:", eg.derive([KeyError("d")]))
    base = BaseExceptionGroup("auto", [ValueError("v")])
    print("BaseExceptionGroup of Exceptions is", type(base).__name__)
    mixed = BaseExceptionGroup("mixed", [ValueError("v"), KeyboardInterrupt()])
    print("with a KeyboardInterrupt it stays", type(mixed).__name__, "| is Exception:", isinstance(mixed, Exception))
    mine = MyGroup("mine", [ValueError(1), TypeError(2)])
    show("subclass split:", mine.split(ValueError))
    for make in (
        lambda: ExceptionGroup("x", []),
        lambda: ExceptionGroup("x", [1]),
        lambda: ExceptionGroup("x", [KeyboardInterrupt()]),
        lambda: ExceptionGroup(3, [ValueError()]),
        lambda: eg.split(3),
    ):
        try:
            make()
        except (TypeError, ValueError) as e:
            print(type(e).__name__ + ":", e)

    try:
        raise eg
    except* ValueError as v:
        show("except* ValueError:", v)
    except* TypeError as t:
        show("except* TypeError:", t)
    except* KeyError as k:
        show("except* KeyError:", k)

    try:
        raise ValueError("bare")
    except* ValueError as v:
        show("bare wrapped:", v)
        show("its exceptions:", v.exceptions)

    try:
        try:
            raise TypeError("not matched")
        except* ValueError:
            print("not reached")
    except TypeError as e:
        show("bare unmatched passes through:", e)

    try:
        try:
            raise eg
        except* KeyError:
            print("KeyError handled")
    except ExceptionGroup as e:
        show("the rest goes on:", e)

    try:
        try:
            raise eg
        except* ExceptionGroup:
            pass
    except TypeError as e:
        print("TypeError:", e)


main()
