-- The Neovim session of docs/editor.md's screenshot (docs/editor/screenshot.sh): Neovim 0.7's
-- built-in LSP client (Debian's neovim package) running `zhengce lsp` on a seed policy, then the
-- hover on a deadline written without its year. Starts the server the way the generic setup in
-- docs/editor.md does; the lines after it only drive the demonstration.
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.updatetime = 300
vim.cmd('colorscheme default')
vim.cmd('highlight NormalFloat guibg=#eef2f7 guifg=#1a1a1a')
vim.cmd('highlight FloatBorder guibg=#eef2f7 guifg=#5a6b80')
vim.cmd('highlight DiagnosticWarn guifg=#b36b00')
vim.cmd('highlight DiagnosticError guifg=#c0002a')
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = '*.zc',
  callback = function() vim.bo.filetype = 'zhengce' end,
})
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'zhengce',
  callback = function(args)
    local client = vim.lsp.start_client({
      name = 'zhengce',
      cmd = { vim.env.ZHENGCE or 'zhengce', 'lsp' },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h'),
    })
    vim.lsp.buf_attach_client(args.buf, client)
  end,
})

-- The demonstration: go to the 期限 of 6月20日 and ask for the hover once the server is up.
vim.defer_fn(function()
  vim.fn.search('期限：6月20日前')
  vim.cmd('normal! zt')
  vim.cmd('execute "normal! 8\\<C-y>"')
  vim.fn.search('6月20日', 'c')
  vim.lsp.buf.hover()
end, tonumber(vim.env.DEMO_DELAY or '4000'))
