// recon4j report viewers: three.js (embedded above as text) imported from blob URLs, one WebGL scene per cloud.
// Drag to rotate, wheel to zoom, right-drag to pan; the buttons switch the colouring.
(async () => {
  const fail = (where, e) => {
    document.body.dataset.viewerError = where + ': ' + (e && e.message ? e.message : e);
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = '3D viewer unavailable (' + document.body.dataset.viewerError + ')';
    document.body.insertBefore(p, document.body.children[1] || null);
    console.error(e);
  };
  let THREE, OrbitControls;
  try {
    const S = window.RECON_THREE;
    const url = (src) => URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    const core = url(S.core);
    const module = url(S.module.split('./three.core.min.js').join(core));
    const orbit = url(S.orbit.replace(/from\s*['"]three['"]/g, "from '" + module + "'"));
    THREE = await import(module);
    ({ OrbitControls } = await import(orbit));
  } catch (e) {
    fail('loading three.js', e);
    return;
  }
  let ready = 0;
  for (const v of window.RECON_CLOUDS || []) {
    try {
      show(v);
      ready++;
    } catch (e) {
      fail(v.id, e);
    }
  }
  document.body.dataset.viewersReady = String(ready);

  function show(v) {
    const box = document.getElementById(v.id);
    const add = (tag, cls, text) => {
      const el = document.createElement(tag);
      if (cls) el.className = cls;
      if (text !== undefined) el.textContent = text;
      box.appendChild(el);
      return el;
    };
    add('div', 'title', v.title);
    if (v.caption) add('div', 'caption', v.caption);
    const width = 360, height = 300;
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(window.devicePixelRatio || 1);
    renderer.setSize(width, height);
    box.appendChild(renderer.domElement);
    const scene = new THREE.Scene();
    scene.background = new THREE.Color(0xffffff);
    const camera = new THREE.PerspectiveCamera(35, width / height, 0.01, 100);
    camera.position.set(1.55, 1.05, 1.85);
    const n = v.xyz.length / 3;
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.Float32BufferAttribute(v.xyz, 3));
    const colours = new Float32Array(3 * n);
    geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3));
    const material = new THREE.PointsMaterial({ size: 0.055, vertexColors: true, sizeAttenuation: true });
    scene.add(new THREE.Points(geometry, material));
    if (v.marker) {
      const ring = new THREE.Mesh(new THREE.SphereGeometry(0.07, 16, 12),
        new THREE.MeshBasicMaterial({ color: 0xff0000, wireframe: true }));
      ring.position.set(v.marker[0], v.marker[1], v.marker[2]);
      scene.add(ring);
    }
    const controls = new OrbitControls(camera, renderer.domElement);
    controls.target.set(0, 0, 0);
    controls.update();
    const render = () => renderer.render(scene, camera);
    controls.addEventListener('change', render);
    const buttons = v.colourings.length > 1 ? add('div') : null;
    const legend = add('div', 'legend');
    add('div', 'bar');
    const colour = new THREE.Color();
    const paint = (k) => {
      const c = v.colourings[k];
      for (let i = 0; i < n; i++) {
        colour.setHex(c.rgb[i]);
        colours[3 * i] = colour.r;
        colours[3 * i + 1] = colour.g;
        colours[3 * i + 2] = colour.b;
      }
      geometry.attributes.color.needsUpdate = true;
      legend.textContent = c.legend;
      if (buttons) [...buttons.children].forEach((b, j) => b.classList.toggle('on', j === k));
      render();
    };
    if (buttons) {
      v.colourings.forEach((c, k) => {
        const b = document.createElement('button');
        b.textContent = c.name;
        b.onclick = () => paint(k);
        buttons.appendChild(b);
      });
    }
    paint(0);
    const r = renderer.domElement.getBoundingClientRect();
    // Where the canvas lies on the page (CSS pixels), for tests that screenshot the page.
    box.dataset.canvasRect = [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height].map(Math.round).join(',');
    box.dataset.ready = '1';
  }
})();
