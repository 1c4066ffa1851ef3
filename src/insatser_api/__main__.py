"""`insatser-api …` and `python -m insatser_api …`: the command line (insatser_api.cli)."""

from insatser_api.kit.heap import collector_paused


def main() -> None:
    # The command line imports most of the service (FastAPI, SQLAlchemy, the models): no
    # collections while it does (kit/heap.py).
    with collector_paused():
        from insatser_api.cli import app
    app()


if __name__ == "__main__":
    main()
