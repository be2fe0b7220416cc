function scan(text){let d=0;for(let i=0;i<text.length;i++){const c=text.charCodeAt(i);if(c===91||c===123)d++;else if((c===93||c===125)&&d>0)d--;}return d;}
const base='abc: [1, 2]\n'.repeat(100000);
for (let r=0;r<5;r++){
const cons=base.slice(0,500000)+'x'+base.slice(500001);
let t=performance.now();scan(cons);const a=performance.now()-t;
t=performance.now();scan(cons);const b=performance.now()-t;
t=performance.now();scan(base);const c=performance.now()-t;
console.log(a.toFixed(1),b.toFixed(1),c.toFixed(1));}
