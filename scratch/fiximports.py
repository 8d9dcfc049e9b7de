import re,glob,sys
MAP={'SummaryAccumulatorJSON':'accumulator-json','SummaryAccumulatorJSONInput':'accumulator-json','summaryAccumulatorJSONSchema':'accumulator-json',
'CustomerSummary':'customer-summary','calibrationHoldoutSummary':'holdout','calibrationHoldoutOptionsSchema':'holdout','CalibrationHoldoutOptions':'holdout','CalibrationHoldoutSummary':'holdout','CalibrationHoldoutResult':'holdout',
'compressSummaries':'compress','WeightedSummary':'compress','SummaryAccumulator':'accumulator','createSummaryAccumulator':'summarize','summarizeTransactions':'summarize','summaryAccumulatorFromJSON':'summarize','newAccumulator':'accumulator'}
pat=re.compile(r"import (type )?\{([^}]*)\} from '((?:\.\./)+src/transactions/)(accumulator|summarize)\.js';\n")
for p in glob.glob('test/**/*.ts',recursive=True):
    s=open(p).read()
    ms=list(pat.finditer(s))
    if not ms: continue
    groups={}
    prefix=None
    for m in ms:
        typeonly=m.group(1) is not None
        prefix=m.group(3)
        for name in [x.strip() for x in m.group(2).split(',') if x.strip()]:
            t = typeonly or name.startswith('type ')
            bare=name.replace('type ','').strip()
            alias=''
            if ' as ' in bare: bare,alias=[x.strip() for x in bare.split(' as ')]
            mod=MAP.get(bare)
            if mod is None: print('UNKNOWN',p,bare); mod=m.group(4)
            groups.setdefault(mod,[]).append(('type ' if t else '')+bare+(f' as {alias}' if alias else ''))
    first=ms[0].start()
    for m in reversed(ms): s=s[:m.start()]+s[m.end():]
    lines=''.join(f"import {{ {', '.join(sorted(v, key=lambda x:x.replace('type ','').lower()))} }} from '{prefix}{k}.js';\n" for k,v in sorted(groups.items()))
    s=s[:first]+lines+s[first:]
    open(p,'w').write(s)
    print('fixed',p)
