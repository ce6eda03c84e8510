/// The style sheet of `opsready serve`'s pages, served as a file (`/assets/opsready.css`) so the pages need no inline
/// style under their Content-Security-Policy.
public enum PortfolioStyle {
    public static let css = """
    body{font-family:-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;margin:0;color:#1d2430;background:#f5f6f8}
    main{max-width:1200px;margin:0 auto;padding:24px}
    header{display:flex;gap:24px;align-items:center;background:#fff;border-radius:10px;padding:16px 24px;box-shadow:0 1px 3px #0002}
    header .right{margin-left:auto;text-align:right}
    h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:0 0 10px} h3{font-size:15px;margin:16px 0 6px}
    a{color:#1f5fbf;text-decoration:none} a:hover{text-decoration:underline}
    .muted{color:#667085;font-size:13px}
    .badge{display:inline-block;padding:3px 10px;border-radius:999px;font-weight:700;color:#fff;font-size:12px;white-space:nowrap}
    .badge.big{font-size:18px;padding:6px 14px}
    .READY{background:#12803c}.CONDITIONAL{background:#b7791f}.NOT_READY{background:#c53030}.NONE{background:#8a94a6}
    .risk{display:inline-block;padding:2px 8px;border-radius:6px;font-size:12px;font-weight:700}
    .r-HIGH{background:#fde2e1;color:#a61b1b}.r-MEDIUM{background:#fff1d6;color:#8a5a00}.r-NONE{background:#dcf5e4;color:#12622f}
    .r-UNANSWERED,.r-NOT_APPLICABLE{background:#eceff3;color:#4a5565}
    .score{font-size:40px;font-weight:800}
    section{background:#fff;border-radius:10px;padding:16px 24px;margin-top:16px;box-shadow:0 1px 3px #0002}
    table{border-collapse:collapse;width:100%;font-size:14px} th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceff3;vertical-align:top}
    th a{color:inherit} td.num,th.num{text-align:right}
    .ok{color:#12803c;font-weight:600}.bad{color:#c53030;font-weight:600}
    .finding{border-left:4px solid #c53030;padding:6px 12px;margin:8px 0;background:#fcfcfd}
    .sev-critical{border-color:#7a0b0b}.sev-high{border-color:#c53030}.sev-medium{border-color:#d69e2e}.sev-low{border-color:#a0aec0}
    .waived,.suppressed{border-color:#718096}
    pre{background:#0f172a;color:#e2e8f0;padding:8px 10px;border-radius:6px;overflow-x:auto;font-size:12px;margin:6px 0}
    pre .hit{background:#7f1d1d;display:inline-block;width:100%} code{font-size:12px}
    form.filters{display:flex;gap:12px;align-items:center;margin-bottom:10px;font-size:14px}
    nav{font-size:13px;margin-bottom:8px} nav a{margin-right:10px}
    svg.spark{vertical-align:middle}
    .charts{display:flex;flex-wrap:wrap;gap:12px} .charts figure{margin:0;width:360px} figcaption{font-size:13px;font-weight:600}
    """
}
