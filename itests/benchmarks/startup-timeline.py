# Per-thread timeline of one restart of a startup-ab.sh variant (restart case; the first call fills the data
# directory): CPU per 100 ms bucket of each thread (from /proc/PID/task/*/stat, sampled every ~4 ms) and how
# many threads were runnable (state R, x10), until the console's first 401. Shows which threads run when and
# whether the second core has work.
#   usage: MAVEN_REPO=... python3 itests/benchmarks/startup-timeline.py VARIANT_DIR [JVM_OPTION...]
import subprocess,sys,os,time,socket,urllib.request,collections,tempfile
D=sys.argv[1]; extra=sys.argv[2:]
opts=[l.strip().replace('@DIR@',D) for l in open(D+'/jvm.options') if l.strip()]
args=[l.strip() for l in open(D+'/args')] if os.path.exists(D+'/args') else []
s=socket.socket(); s.bind(('127.0.0.1',0)); P=s.getsockname()[1]; s.close()
data=os.path.join(tempfile.gettempdir(),'startup-timeline-'+os.path.basename(os.path.normpath(D)))
REPO=os.environ.get('MAVEN_REPO',os.path.expanduser('~/.m2/repository'))
LOG=data+'.log'
cmd=['java']+opts+extra+['-cp',D+'/lib/*','dev.continuum.launcher.Main','--features-dir',D+'/features','--features','core,console','--data',data,'--repository',D+'/repo','--repository',REPO,'--property','org.osgi.service.http.port=%d'%P,'--property','org.osgi.service.http.port.secure=0']+args
def run(sample):
    t0=time.time(); p=subprocess.Popen(cmd,stdout=open(LOG,'w'),stderr=subprocess.STDOUT)
    hist=[]; t401=None; cpu=0; n=0
    while True:
        t=time.time()-t0
        if sample:
            snap={}
            try:
                for tid in os.listdir('/proc/%d/task'%p.pid):
                    try:
                        st=open('/proc/%d/task/%s/stat'%(p.pid,tid)).read()
                        nm=st[st.index('(')+1:st.rindex(')')]; f=st[st.rindex(')')+2:].split()
                        snap[tid]=(nm,int(f[11])+int(f[12]),f[0])
                    except Exception: pass
            except Exception: pass
            hist.append((t,snap))
        n+=1
        if n%4==0:
            try:
                c=urllib.request.urlopen('http://127.0.0.1:%d/system/console'%P,timeout=1).status
            except urllib.error.HTTPError as e: c=e.code
            except Exception: c=0
            if c==401:
                t401=time.time()-t0; cpu=open('/proc/%d/stat'%p.pid).read().split(')')[1].split(); cpu=(int(cpu[11])+int(cpu[12]))*10; break
        time.sleep(0.004)
    time.sleep(0.3)
    p.terminate(); p.wait()
    return t401,cpu,hist
if not os.path.exists(data): run(False)
t401,cpu,hist=run(True)
act=[l for l in open(LOG) if 'since the JVM started' in l]
print('401 at %.0f ms, cpu %d ms; %s'%(t401*1000,cpu,act[0].strip()[:160] if act else 'no start line'))
B=0.1; nb=int(t401/B)+1
agg=collections.defaultdict(lambda:[0]*nb); prev={}; run_=collections.defaultdict(lambda:[0]*nb); cnt=[0]*nb
def key(nm):
    if nm.startswith('qtp'): return 'qtp'
    if nm.startswith('C1 Compiler') or nm.startswith('C2 Compiler'): return 'C1'
    return nm
for t,snap in hist:
    b=min(int(t/B),nb-1); cnt[b]+=1
    for tid,(nm,c,stt) in snap.items():
        k=key(nm)
        d=c-prev.get(tid,0); prev[tid]=c
        agg[k][b]+=d*10
        if stt=='R': run_[k][b]+=1
tot={k:sum(v) for k,v in agg.items()}
print('%-18s %5s  %s'%('thread','cpu',' '.join('%3d'%(i) for i in range(nb))))
allb=[sum(agg[k][i] for k in agg) for i in range(nb)]
print('%-18s %5d  %s'%('ALL cpu ms/100ms',sum(allb),' '.join('%3d'%v for v in allb)))
rr=[sum(run_[k][i] for k in run_)*10//max(cnt[i],1) for i in range(nb)]
print('%-18s %5s  %s'%('runnable x10','',' '.join('%3d'%v for v in rr)))
for k in sorted(tot,key=lambda k:-tot[k])[:14]:
    print('%-18s %5d  %s'%(k[:18],tot[k],' '.join('%3d'%v for v in agg[k])))
    print('%-18s %5s  %s'%('  R x10','',' '.join('%3d'%(run_[k][i]*10//max(cnt[i],1)) for i in range(nb))))
