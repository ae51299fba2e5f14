"""Extraction throughput on a generated text of about 5 MB: ``python -m dxmon.extract.bench``."""

from __future__ import annotations

import itertools
import time

from dxmon.extract.figures import extract

SENTENCES = (
    "Về chính quyền số, 90% cán bộ, công chức sử dụng thành thạo các phần mềm: VNPT-iOffice, "
    "VNPT-iGate, 90% văn bản điện tử được trao đổi trên môi trường mạng.",
    "Việc giải quyết thủ tục hành chính trực tuyến mức độ 3, 4 giải quyết trên môi trường mạng "
    "đạt trên 79%,…",
    "Ngày 17-8-2022, đoàn giám sát HĐND tỉnh đã đến giám sát việc thực hiện chuyển đổi số đối "
    "với UBND xã Tân Hội, huyện Mỏ Cày Nam.",
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 17/08/2022 và Nghị quyết 57-NQ/TW của Bộ Chính trị.",
    "UBND xã đã thành lập 1 group Doanh nghiệp Tân Hội với 40 thành viên; 4/4 ấp đã thành lập "
    "tổ CĐS cộng đồng.",
    "Tổng kinh phí thực hiện là 12,5 tỷ đồng, trong đó ngân sách xã 500 triệu đồng.",
    "Toàn huyện có 1.234 hộ gia đình sử dụng cáp quang, hơn 12,5 nghìn tài khoản thanh toán, "
    "tỷ lệ hồ sơ trực tuyến, đúng hạn lần lượt là 85%, 95% và 100%.",
    "Tỉnh xếp thứ 12/63 tỉnh, thành phố về chỉ số chuyển đổi số; thôn 3, Phường 7 đã phủ sóng "
    "4G, 5G; liên hệ 0912 345 678.",
    "Xã có bốn mươi thành viên tổ công nghệ số cộng đồng, đến tháng 9/2024 đã hỗ trợ 2.500 "
    "lượt người dân cài đặt VNeID.",
    "Tại buổi giám sát, các thành viên trong đoàn đặt ra các vấn đề làm rõ những khó khăn về "
    "tình hình nhân lực và hạ tầng thực hiện CĐS tại UBND xã.",
)


def sample_text(size: int = 5_000_000) -> str:
    """About ``size`` characters of report prose, built by repeating varied real sentences."""
    parts: list[str] = []
    total = 0
    for i, sentence in enumerate(itertools.cycle(SENTENCES)):
        if total >= size:
            break
        parts.append(sentence)
        total += len(sentence) + 1
        if i % 7 == 6:
            parts.append("\n")
    return " ".join(parts)


def throughput(size: int = 5_000_000) -> tuple[float, float, int]:
    """(MB/s of CPU time, MB/s of wall time, figures found) for one pass of :func:`extract`.

    MB are megabytes of UTF-8 text. CPU time is the one-core figure; wall time also counts
    whatever else the machine is doing.
    """
    text = sample_text(size)
    megabytes = len(text.encode("utf-8")) / 1_000_000
    cpu, wall = time.process_time(), time.perf_counter()
    figures = extract(text)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return megabytes / cpu, megabytes / wall, len(figures)


def main() -> None:
    cpu_rate, wall_rate, count = throughput()
    print(
        f"extract: {cpu_rate:.2f} MB/s on one core ({wall_rate:.2f} MB/s wall clock), "
        f"{count} figures"
    )


if __name__ == "__main__":
    main()
