;;; emacs-lsp-mode.el --- Headless lsp-mode session against dist/server.js  -*- lexical-binding: t -*-
;; Driven by test/clients/emacs.test.ts: loads the lsp-mode and settings snippets of docs/emacs.md (file in
;; $STATEFULSET_LENS_EMACS_CONFIG) and checks what a user sees: diagnostics, completion, lens overlays, hover.
;; run: emacs --batch -Q -l emacs-lsp-mode.el FILE.yaml ; prints one JSON object, exits 0 when every check passed.
(load (expand-file-name "emacs-common.el" (file-name-directory load-file-name)) nil t)

;; Batch-only settings: no prompts, no state in HOME, none of lsp-mode's ~80 bundled clients (yamlls among them).
(defvar sts-state-dir (make-temp-file "sts-lens-lsp" t))
(push sts-state-dir sts-cleanup-dirs)
(setq lsp-client-packages nil
      lsp-session-file (expand-file-name "session" sts-state-dir) ; must not exist yet
      lsp-server-install-dir (expand-file-name "servers" sts-state-dir)
      lsp-enable-file-watchers nil
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-keep-workspace-alive nil
      lsp-restart 'ignore)

;; The documented configuration, exactly as docs/emacs.md shows it. lsp-mode is loaded now (the yaml-mode-hook
;; would autoload it) so that the lsp-mode macros below expand.
(load (getenv "STATEFULSET_LENS_EMACS_CONFIG") nil t)
(require 'lsp-mode)

(defun sts-diagnostics ()
  "lsp-mode's diagnostics of this buffer (what its Flycheck/Flymake front ends display)."
  (mapcar (lambda (d)
            (let ((start (lsp:range-start (lsp:diagnostic-range d))))
              (list (cons 'line (lsp:position-line start))
                    (cons 'column (lsp:position-character start))
                    (cons 'source (lsp:diagnostic-source? d))
                    (cons 'code (lsp:diagnostic-code? d))
                    (cons 'severity (lsp:diagnostic-severity? d))
                    (cons 'message (lsp:diagnostic-message d)))))
          (lsp--get-buffer-diagnostics)))

(defun sts-lenses ()
  "The text of lsp-lens-mode's overlays: what the buffer shows."
  (delq nil (mapcar (lambda (ov)
                      (when (overlay-get ov 'lsp-lens)
                        (let ((after (overlay-get ov 'after-string)))
                          ;; an after-string is drawn at the overlay's end (end of the lens line), a
                          ;; before-string (lsp-lens-place-position 'above-line) at its start
                          (list (cons 'line (1- (line-number-at-pos (if after (overlay-end ov) (overlay-start ov)))))
                                (cons 'text (substring-no-properties
                                             (or after (overlay-get ov 'before-string) "")))))))
                    (overlays-in (point-min) (point-max)))))

(defun sts-hover (needle)
  "The hover at NEEDLE as lsp-describe-thing-at-point renders it."
  (sts-goto needle)
  (forward-char 2)
  (let* ((h (lsp-request "textDocument/hover" (lsp--text-document-position-params)))
         (s (and h (lsp--render-on-hover-content (lsp:hover-contents h) t))))
    (and s (substring-no-properties s))))

(defun sts-run (file)
  (advice-add 'lsp--on-diagnostics :before (lambda (&rest _) (cl-incf sts-published)))
  ;; Trust the folder up front: lsp-mode would otherwise ask which project root to import.
  (setf (lsp-session-folders (lsp-session))
        (list (directory-file-name (file-name-directory (expand-file-name file)))))
  (find-file file)
  (sts-put 'emacs emacs-version)
  (sts-put 'lsp_mode (package-version-join (package-desc-version (cadr (assq 'lsp-mode package-alist)))))
  (sts-put 'major_mode (symbol-name major-mode))
  ;; `lsp-deferred' (from yaml-mode-hook) starts the server once Emacs is idle.
  (sts-pause)
  (unless (sts-wait (lambda () (and (lsp-workspaces)
                                    (eq (lsp--workspace-status (car (lsp-workspaces))) 'initialized))))
    (error "lsp-mode did not start the server"))
  (sts-put 'language_id (lsp-buffer-language))
  ;; 1. The clean example: the server publishes, nothing is shown.
  (sts-wait (lambda () (> sts-published 0)))
  (sts-put 'clean_diagnostics (vconcat (sts-diagnostics)))
  (unless (> sts-published 0) (sts-fail "no diagnostics published for the clean example"))
  (when (lsp--get-buffer-diagnostics) (sts-fail "the clean example has diagnostics"))

  ;; 2. Completion at the value of serviceName, through lsp-mode's completion-at-point function.
  (sts-goto "serviceName: random-generator")
  (forward-char (length "serviceName: "))
  (let* ((capf (lsp-completion-at-point))
         (cands (and capf (all-completions "" (nth 2 capf)))))
    (sts-put 'completion (vconcat (mapcar #'substring-no-properties cands)))
    (unless (member "random-generator" cands) (sts-fail "completion")))

  ;; 3. Code lenses: lsp-lens-mode draws them as overlays once Emacs is idle.
  (sts-pause)
  (sts-wait (lambda () (sts-lenses)))
  (sts-put 'lens_mode (if (bound-and-true-p lsp-lens-mode) t :json-false))
  (sts-put 'lenses (vconcat (sts-lenses)))
  (unless (cl-some (lambda (l) (string-match-p (regexp-quote "pods: rg-0, rg-1") (alist-get 'text l))) (sts-lenses))
    (sts-fail "pods lens"))

  ;; 4. Hovers on serviceName and replicas.
  (let ((service (sts-hover "serviceName:"))
        (replicas (sts-hover "replicas:")))
    (sts-put 'hover_service_name service)
    (sts-put 'hover_replicas replicas)
    (unless (and service (string-match-p (regexp-quote "rg-1.random-generator.default.svc.") service))
      (sts-fail "hover on serviceName"))
    (unless (and replicas (string-match-p (regexp-quote "rg-0") replicas))
      (sts-fail "hover on replicas")))

  ;; 5. Edit: the Service gets a cluster IP, and the StatefulSet gets service-not-headless.
  (sts-goto "clusterIP: None")
  (forward-char (length "clusterIP: "))
  (delete-region (point) (+ (point) (length "None")))
  (insert "10.0.0.10")
  (let ((rule (lambda () (cl-some (lambda (d) (equal (lsp:diagnostic-code? d) "service-not-headless"))
                                  (lsp--get-buffer-diagnostics)))))
    (sts-pause)
    (sts-wait rule)
    (sts-put 'edited_diagnostics (vconcat (sts-diagnostics)))
    (unless (funcall rule) (sts-fail "service-not-headless after the edit")))
  (lsp-workspace-shutdown (car (lsp-workspaces))))

(sts-main #'sts-run)
