-- Headless Neovim (0.7+) session against dist/server.js, driven by test/clients/neovim.test.ts.
-- run: nvim --headless -u NONE -i NONE -n -c 'luafile neovim.lua' -- FILE.yaml
-- env: STATEFULSET_LENS_NVIM_CONFIG (the Lua block of docs/neovim.md with the real server path).
-- Prints one JSON object on stdout and exits 0 when
-- every check passed: no diagnostics on the clean example, service-not-headless after clusterIP changes,
-- completion of random-generator for serviceName, the pods lens drawn as virtual text, and a hover.
local file = vim.fn.argv(0)
local TIMEOUT = 15000
local out, failures = {}, {}
local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local function fail(msg) table.insert(failures, msg) end

local function finish()
  out.failures = failures
  out.ok = #failures == 0
  io.stdout:write(vim.fn.json_encode(out) .. '\n')
  for _, c in pairs(get_clients()) do c.stop() end
  vim.wait(3000, function() return #get_clients() == 0 end, 20)
  vim.cmd((#failures == 0) and 'qall!' or 'cquit! 1')
end

local function find_line(buf, pattern)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local s = l:find(pattern, 1, true)
    if s then return i - 1, s - 1 end
  end
end

local ok_run, err_run = xpcall(function()
  vim.cmd('filetype on')
  -- Count pushes from the start, so the first (clean) one cannot be missed.
  local published = false
  local handler = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
    published = true
    return handler(err, result, ctx, config)
  end
  -- The configuration a user copies from docs/neovim.md (the test substitutes the server path).
  dofile(os.getenv('STATEFULSET_LENS_NVIM_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local function attached()
    local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
    for _, c in pairs(clients) do return c.id end
  end
  vim.wait(TIMEOUT, function() return attached() ~= nil end, 20)
  local client_id = attached()
  if not client_id then fail('no client started (filetype=' .. vim.bo[buf].filetype .. ')'); return end
  local alive = function() return vim.lsp.get_client_by_id(client_id) ~= nil end
  local function request(method, params)
    local res, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
    if not res then return nil, err end
    for _, r in pairs(res) do
      if r.err then return nil, vim.inspect(r.err) end
      return r.result
    end
  end

  -- 1. The clean example: the server publishes an empty list for the opened version.
  vim.wait(TIMEOUT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20)
  local hover_line, hover_col = find_line(buf, 'serviceName:')
  vim.wait(TIMEOUT, function() return published or not alive() end, 20)
  out.clean_diagnostics = vim.tbl_map(function(d) return d.message end, vim.diagnostic.get(buf))
  if not alive() then fail('server exited'); return end
  if #out.clean_diagnostics ~= 0 then fail('clean example has diagnostics') end

  -- 2. Completion of serviceName values.
  local sl, sc = find_line(buf, 'serviceName: random-generator')
  local col = sc + #'serviceName: '
  local comp, cerr = request('textDocument/completion', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = sl, character = col } })
  local items = comp and (comp.items or comp) or {}
  out.completion = vim.tbl_map(function(i) return i.label end, items)
  if not vim.tbl_contains(out.completion, 'random-generator') then fail('completion ' .. tostring(cerr)) end

  -- 3. The pods lens, drawn as virtual text by Neovim's codelens module, refreshed by the documented on_attach.
  vim.wait(TIMEOUT, function() return #vim.lsp.codelens.get(buf) > 0 end, 20)
  local virt = {}
  for _, ns in pairs(vim.api.nvim_get_namespaces()) do
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })) do
      for _, chunk in ipairs(m[4].virt_text or {}) do table.insert(virt, { line = m[2], text = chunk[1] }) end
    end
  end
  out.codelens_virtual_text = virt
  local name_line = find_line(buf, 'name: rg')
  local shown = false
  for _, v in ipairs(virt) do if v.text == 'pods: rg-0, rg-1' and v.line == name_line then shown = true end end
  if not shown then fail('codelens virtual text') end

  -- 4. Hover on serviceName.
  local hover = request('textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = hover_line, character = hover_col + 2 } })
  local c = hover and hover.contents
  out.hover = type(c) == 'table' and (c.value or c[1]) or c
  if not (type(out.hover) == 'string' and out.hover:find('rg-0.random-generator.default.svc.cluster.local', 1, true)) then fail('hover') end

  -- 5. Edit the buffer: the Service gets a cluster IP, and the StatefulSet gets service-not-headless.
  local il, ic = find_line(buf, 'clusterIP: None')
  vim.api.nvim_buf_set_text(buf, il, ic + #'clusterIP: ', il, ic + #'clusterIP: None', { '10.0.0.7' })
  local function has_rule()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'service-not-headless' or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == 'service-not-headless') then return true end
    end
    return false
  end
  vim.wait(TIMEOUT, function() return has_rule() or not alive() end, 20)
  out.edited_diagnostics = vim.tbl_map(function(d) return { lnum = d.lnum, message = d.message } end, vim.diagnostic.get(buf))
  if not has_rule() then fail('service-not-headless after the edit') end
end, debug.traceback)
if not ok_run then fail('lua error: ' .. tostring(err_run)) end
finish()
