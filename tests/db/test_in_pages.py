"""app.db.graph.in_pages: a scope's accounts read in pages, a few at once, answered in order."""

import asyncio

from app.db.graph import in_pages


def test_pages_answer_in_the_items_order_with_at_most_so_many_at_once() -> None:
    running, most = 0, 0

    async def work(page: list[int]) -> list[int]:
        nonlocal running, most
        running += 1
        most = max(most, running)
        # Later pages finish first: the answer must still follow the items.
        await asyncio.sleep(0.001 * (10 - page[0] // 3))
        running -= 1
        return [x * 10 for x in page]

    found = asyncio.run(in_pages(list(range(10)), 3, 2, work))
    # Pages [0,1,2] [3,4,5] [6,7,8] [9]; two at a time.
    assert found == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert most == 2
    assert asyncio.run(in_pages([], 3, 2, work)) == []
